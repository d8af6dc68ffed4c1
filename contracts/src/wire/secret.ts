/** The body of `POST`/`PUT /system/secrets`: `value` or `rawValue`; `rawValue` wins when both are given. */
export interface Secret {
  /** The secret's name; a DNS-1123 subdomain. */
  name: string;
  /** Its namespace; the provider's default when absent. */
  namespace?: string;
  /** The value as text. */
  value?: string;
  /** The value as base64, for binary secrets; wins over `value` when both are given. */
  rawValue?: string;
}

/** A secret as `GET /system/secrets` lists it: never with its value. */
export interface SecretDescription {
  /** The secret's name. */
  name: string;
  /** Its namespace. */
  namespace: string;
}

/** The body of `DELETE /system/secrets`. */
export interface DeleteSecretRequest {
  /** The secret to delete. */
  name: string;
  /** Its namespace. */
  namespace?: string;
}
