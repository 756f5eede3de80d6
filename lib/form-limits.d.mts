export declare const FORM_BODY_LIMIT_BYTES: number;
export declare const PROXY_BODY_BUFFER_BYTES: number;
