export declare const FORM_BODY_LIMIT_BYTES: number;
