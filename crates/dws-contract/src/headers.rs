//! The API's own HTTP headers (table 3-3 and the IAM quick start), written once: the console
//! sends and reads them, the emulator answers with them, the proxy lets a browser page use them.
//! Names are as the reference writes them; HTTP compares them without regard to case.

/// The IAM token a request carries.
pub const AUTH_TOKEN: &str = "X-Auth-Token";
/// The token IAM answers a sign-in with.
pub const SUBJECT_TOKEN: &str = "X-Subject-Token";
/// The language of the service's messages (`en_us`, `zh_cn`).
pub const LANGUAGE: &str = "X-Language";
/// The id of a request, to quote to support.
pub const REQUEST_ID: &str = "X-Request-Id";
/// The project a request acts in (the official SDKs send it with AK/SK signatures).
pub const PROJECT_ID: &str = "X-Project-Id";
/// The time an answer was made, by the service's clock (HTTP's own header): the console reads
/// it to ask for metrics up to the service's present, whatever its own clock says.
pub const DATE: &str = "Date";
/// The time an AK/SK signature was made (`SDK-HMAC-SHA256`).
pub const SDK_DATE: &str = "X-Sdk-Date";

/// What a browser page sends beside the standard headers: the proxy allows these in CORS.
pub const BROWSER_SENDS: [&str; 4] = [AUTH_TOKEN, "Content-Type", LANGUAGE, PROJECT_ID];
/// What a browser page must read of an answer: the proxy exposes these in CORS.
pub const BROWSER_READS: [&str; 3] = [SUBJECT_TOKEN, REQUEST_ID, DATE];
