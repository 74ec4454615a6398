import { describe, expect, it } from "vitest";
import { maskSecrets } from "../../src/core/kernel/secret-mask.js";

const JWT =
  "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.c2lnbmF0dXJlLXBhcnQtaGVyZQ";

describe("masking pasted credentials", () => {
  it("masks a bearer token and a client secret in a curl paste, keeping the rest readable", () => {
    const paste = `curl -X POST https://api.mypurecloud.com/api/v2/outbound/campaigns/abc/stop -H "Authorization: Bearer Zx9kLmN0pQrStUvWxYz012345" -d 'grant_type=client_credentials&client_id=acme-client&client_secret=s3cr3t-Value_99'`;
    const masked = maskSecrets(paste);
    expect(masked).not.toContain("Zx9kLmN0pQrStUvWxYz012345");
    expect(masked).not.toContain("s3cr3t-Value_99");
    expect(masked).toContain("Authorization: Bearer [masked]");
    expect(masked).toContain("client_secret=[masked]");
    expect(masked).toContain("client_id=acme-client");
    expect(masked).toContain("/outbound/campaigns/abc/stop");
  });

  it("masks Basic auth headers, curl -u, passwords, URLs with credentials, Slack tokens and JWTs", () => {
    const cases: [string, string][] = [
      [
        `curl -H "Authorization: Basic YWNtZS1jbGllbnQ6c2VjcmV0" https://login.mypurecloud.com/oauth/token`,
        "YWNtZS1jbGllbnQ6c2VjcmV0",
      ],
      ["curl -u acme-client:hunter2-secret https://login.mypurecloud.com/oauth/token", "hunter2-secret"],
      ["login with password=Tr0ub4dor&3 then", "Tr0ub4dor"],
      ["https://svc:pa55word@example.com/x", "pa55word"],
      [
        "the bot token is xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp",
        "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp",
      ],
      ["xapp-1-A0123456789-1234567890123-abcdef0123456789", "abcdef0123456789"],
      [`token: ${JWT}`, JWT],
      [`{"client_secret": "json-secret-123", "status": 401}`, "json-secret-123"],
      ["switchboard org link acme --client-secret abc123XYZ", "abc123XYZ"],
      ["access_token=ya29.a0AfH6SM", "ya29.a0AfH6SM"],
    ];
    for (const [text, secret] of cases) expect(maskSecrets(text), text).not.toContain(secret);
  });

  it("leaves ordinary commands and prose alone", () => {
    for (const text of [
      'pause acme "Spring Promo" --reason "basic authentication broke the list"',
      'explain acme {"status":403,"code":"missing.permissions","contextId":"3f2c1a4b-0000-4000-8000-000000000001"}',
      "status acme Token Ring Campaign",
    ])
      expect(maskSecrets(text)).toBe(text);
  });
});
