/** How Terraform's postgresql provider protects its connection to the server. */
export enum PostgresSslMode {
  /**
   * TLS, with the server's certificate checked against the runner's trusted root certificates and
   * its host name. The provider's driver (lib/pq) uses the operating system's roots when no root
   * certificate file is given, and Azure's server certificates chain to public roots.
   */
  VERIFY_FULL = 'verify-full',
  /** TLS without checking the certificate: encrypted, but open to an impostor on the network path. */
  REQUIRE = 'require',
}
