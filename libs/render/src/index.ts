export { createRenderer, type PageRenderer, type RendererOptions, type RenderRequestOptions, type RendererStats } from './renderer';
export { type PrefetchedDocument } from './request-router';
export { type BlockReason } from './snapshot-log';
export { assertChromium, chromiumPath, findChromium, ChromiumUnavailableError, CHROMIUM_BASE_ARGS, DEFAULT_CHROMIUM_PATH } from './chromium';
export { treeRssBytes, processTree } from './process-tree';
