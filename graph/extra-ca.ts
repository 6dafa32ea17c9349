/**
 * @azure/identity's options that make its token calls trust extra CA certificates (PEM): a local test
 * server's, never needed for Microsoft's. Used by the app's Graph credential and the partner's sign-ins.
 */
export function extraCaOptions(ca: string | undefined) {
  if (ca === undefined) return {};
  // One settings object for every request, so the HTTP client reuses one agent.
  const tls = { ca };
  return {
    additionalPolicies: [
      {
        position: 'perCall' as const,
        policy: {
          name: 'extra-ca',
          sendRequest(request: { tlsSettings?: unknown }, next: (request: never) => Promise<never>) {
            request.tlsSettings = tls;
            return next(request as never);
          },
        },
      },
    ],
  };
}
