//! [`Limits`]: the bounds on the work one input may cause.

/// Default for [`Limits::max_bytes`]: 1 MiB.
pub const DEFAULT_MAX_BYTES: usize = 1 << 20;

/// Default for [`Limits::max_depth`]: 64 nested arrays or objects. License documents,
/// JOSE headers and JWKs need fewer than 8.
pub const DEFAULT_MAX_DEPTH: usize = 64;

/// Default for [`Limits::max_signatures`].
pub const DEFAULT_MAX_SIGNATURES: usize = 8;

/// Default for [`Limits::max_keys_tried`]: trying more keys would let one license cost
/// that many signature checks.
pub const DEFAULT_MAX_KEYS_TRIED: usize = 8;

/// Bounds on the work one input may cause. Each bound exceeded is an error of kind
/// `limit_exceeded`, whose context names the bound ([`crate::error::Limit`]).
///
/// ```
/// let limits = licsig::Limits {
///     max_bytes: 64 * 1024,
///     ..licsig::Limits::default()
/// };
/// assert_eq!(limits.max_depth, licsig::limits::DEFAULT_MAX_DEPTH);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Longest input, in bytes (default 1 MiB). Also bounds each JSON text inside it.
    /// Values above `u32::MAX` act as `u32::MAX`.
    pub max_bytes: usize,
    /// Deepest JSON nesting of arrays and objects (default 64); `[1]` has depth 1.
    pub max_depth: usize,
    /// Most signatures in a license file (default 8).
    pub max_signatures: usize,
    /// Most trusted keys tried for a signature without a `kid` (default 8). A
    /// signature that more keys fit is refused: the signer must name its key.
    pub max_keys_tried: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: DEFAULT_MAX_BYTES,
            max_depth: DEFAULT_MAX_DEPTH,
            max_signatures: DEFAULT_MAX_SIGNATURES,
            max_keys_tried: DEFAULT_MAX_KEYS_TRIED,
        }
    }
}
