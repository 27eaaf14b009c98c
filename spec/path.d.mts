/** The absolute path of spec/openapi.yaml. */
export declare const specPath: string;
