export declare const WORKSPACE_ROOT: string;
export declare const SPEC_PATH: string;
export declare const SCHEMA_PATH: string;
/** Returns the text of schema.d.ts for the spec at `specPath` (default apps/api/openapi.json). */
export declare function generateSchemaSource(specPath?: string): Promise<string>;
