//! The AWS CheckoutLicense / CheckoutBorrowLicense response: only its `SignedToken`
//! is signed; the fields beside it restate the token's content and must agree with it.

use crate::error::Error;
use crate::json::Value;

/// The unsigned fields of an AWS checkout response that restate the token's content.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct CheckoutFields {
    pub(crate) license_arn: Option<String>,
    pub(crate) node_id: Option<String>,
    pub(crate) consumption_token: Option<String>,
    pub(crate) issued_at: Option<String>,
    pub(crate) expiration: Option<String>,
}

impl CheckoutFields {
    /// The restated fields of a parsed response.
    pub(super) fn from_json(root: Value<'_>) -> Result<Self, Error> {
        let field = |name: &str| -> Result<Option<String>, Error> {
            match root.get(name) {
                None => Ok(None),
                Some(v) => v.as_str().map(|s| Some(s.to_owned())).ok_or_else(|| {
                    Error::malformed(format!(
                        "\"{name}\" in the checkout response must be a string, not a JSON {}",
                        v.kind()
                    ))
                }),
            }
        };
        Ok(CheckoutFields {
            license_arn: field("LicenseArn")?,
            node_id: field("NodeId")?,
            consumption_token: field("LicenseConsumptionToken")?,
            issued_at: field("IssuedAt")?,
            expiration: field("Expiration")?,
        })
    }
}
