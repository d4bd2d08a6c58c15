export { startRenderFixtureSite, buildRenderFixture, FIXTURE_HOST, REBIND_HOST, type RenderFixtureSite, type FixtureSiteOptions, type LoggedRequest, type InternalServer } from './fixture-site';
