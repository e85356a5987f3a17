// per element class: time to resolve(stack, element.toTerraform()), library vs baseline program
const cdktf = require('cdktf');
const { performance } = require('perf_hooks');
const origSynth = cdktf.App.prototype.synth;
cdktf.App.prototype.synth = function () {
  const stacks = this.node.findAll().filter((c) => cdktf.TerraformStack.isStack(c));
  for (const stack of stacks) {
    stack.prepareStack();
    const agg = new Map();
    for (let round = 0; round < 3; round++) {
      for (const e of stack.node.findAll().filter((c) => cdktf.TerraformElement.isTerraformElement ? cdktf.TerraformElement.isTerraformElement(c) : c instanceof cdktf.TerraformElement)) {
        const t0 = performance.now();
        const out = cdktf.Tokenization.resolve(e.toTerraform(), { scope: stack, preparing: false, resolver: new cdktf.DefaultTokenResolver(new cdktf.StringConcat()) });
        const dt = performance.now() - t0;
        const k = e.constructor.name + (e.terraformResourceType ? ':' + e.terraformResourceType : '');
        const a = agg.get(k) || { n: 0, ms: 0, bytes: 0 }; a.n++; a.ms += dt; if (round === 0) a.bytes += JSON.stringify(out).length; agg.set(k, a);
      }
    }
    console.log([...agg].sort((x, y) => y[1].ms - x[1].ms).slice(0, 25).map(([k, a]) => `${(a.ms / 3).toFixed(1).padStart(7)} ms ${String(a.n / 3).padStart(5)} x ${String(a.bytes).padStart(8)} B ${k}`).join('\n'));
  }
};
