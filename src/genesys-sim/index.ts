/** Public API of the local Genesys Cloud simulator (design.md §5). */
export type { Faults as SimulatorFaults } from "./api-request.js";
export { ENDPOINT_PERMISSIONS, type EndpointKey, type EndpointRule } from "./endpoint-permissions.js";
export {
  demoFixture,
  demoFixturePath,
  type Fixture,
  type FixtureCampaign,
  type FixtureDivision,
  FixtureError,
  type FixtureGrant,
  type FixtureGroup,
  type FixtureIssue,
  type FixtureOAuthClient,
  type FixtureOrg,
  type FixtureRole,
  type FixtureSwitchboard,
  type FixtureUser,
  loadFixtureFile,
  normalizeFixture,
  parseFixture,
} from "./fixture.js";
export { type FixtureInput, PERMISSION_PATTERN } from "./fixture-schema.js";
export { derivedUuid } from "./ids.js";
export { PermissionSet, permissionMatches, type Requirement } from "./permissions.js";
export {
  type CampaignSnapshot,
  type Simulator,
  type SimulatorOptions,
  type SimulatorStats,
  startSimulator,
} from "./server.js";
