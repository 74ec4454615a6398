// What a user would write instead of `switchboard exec "list acme"`: the official Genesys SDK,
// client-credentials login, one page of outbound campaigns. Pointed at the simulator through the
// SDK's own gateway setting. Usage: node bench/sdk-list-campaigns.cjs <simulator-url> <client-id> <secret>
const platformClient = require("purecloud-platform-client-v2");

const [simUrl, clientId, clientSecret] = process.argv.slice(2);
const url = new URL(simUrl);
const client = platformClient.ApiClient.instance;
client.setGateway({
  protocol: url.protocol.replace(":", ""),
  host: url.hostname,
  port: Number(url.port),
  path_params_login: "login.mypurecloud.com",
  path_params_api: "api.mypurecloud.com",
});
client
  .loginClientCredentialsGrant(clientId, clientSecret)
  .then(() => new platformClient.OutboundApi().getOutboundCampaigns({ pageSize: 100 }))
  .then((page) => {
    for (const c of page.entities ?? []) console.log(`${c.name}\t${c.campaignStatus}`);
  })
  .catch((e) => {
    console.error(e?.message ?? e);
    process.exitCode = 1;
  });
