"""Type stubs for licsig (the native module licsig._licsig, re-exported)."""

from datetime import datetime
from typing import ClassVar, Iterable, Iterator, Literal, Optional, Union

__version__: str

Form = Literal["token", "license_file", "detached", "aws_checkout"]

class Error(Exception):
    """A license, key or document was refused; one subclass per kind."""

    kind: str
    """The stable snake_case name of the reason, e.g. ``"bad_signature"``."""
    message: str
    """What failed, for a person; its wording is not a stable interface."""

class Malformed(Error):
    kind: ClassVar[str]

class LimitExceeded(Error):
    kind: ClassVar[str]

class UnsupportedAlgorithm(Error):
    kind: ClassVar[str]

class AlgorithmNotAllowed(Error):
    kind: ClassVar[str]

class InvalidKey(Error):
    kind: ClassVar[str]

class KeyMismatch(Error):
    kind: ClassVar[str]

class UnknownKey(Error):
    kind: ClassVar[str]

class KeyRevoked(Error):
    kind: ClassVar[str]

class BadSignature(Error):
    kind: ClassVar[str]

class CertificateInvalid(Error):
    kind: ClassVar[str]

class Expired(Error):
    kind: ClassVar[str]

class NotYetValid(Error):
    kind: ClassVar[str]

class NodeMismatch(Error):
    kind: ClassVar[str]

class NodeUnbound(Error):
    kind: ClassVar[str]

class MissingEntitlement(Error):
    kind: ClassVar[str]

class LicenseRevoked(Error):
    kind: ClassVar[str]

class MissingSignature(Error):
    kind: ClassVar[str]

class KeySet:
    """Trusted public keys, validated when loaded, and revoked key and license ids.

    Immutable: methods that add return a new set.
    """

    def __init__(self) -> None: ...
    @staticmethod
    def from_pem(pem: Union[str, bytes]) -> KeySet: ...
    @staticmethod
    def from_bytes(data: bytes) -> KeySet: ...
    @staticmethod
    def from_der(der: bytes) -> KeySet: ...
    @staticmethod
    def from_jwks(jwks: Union[bytes, str]) -> KeySet: ...
    def extended(self, other: KeySet) -> KeySet: ...
    def with_revoked_keys(self, kids: Iterable[str]) -> KeySet: ...
    def with_revoked_licenses(self, license_ids: Iterable[str]) -> KeySet: ...
    def with_kid(self, kid: str, extra: str) -> KeySet: ...
    def is_key_revoked(self, kid: str) -> bool: ...
    def is_license_revoked(self, license_id: str) -> bool: ...
    @property
    def kids(self) -> list[str]: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[str]: ...
    def __contains__(self, kid: str) -> bool: ...

class Entitlement:
    """One entry of ``entitlementsAllowed``."""

    @property
    def name(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def value(self) -> Optional[str]: ...
    def count(self) -> int: ...
    def boolean(self) -> bool: ...
    def text(self) -> str: ...

class VerifiedLicense:
    """A license whose signature verified; only a Verifier makes one."""

    @property
    def form(self) -> Form: ...
    @property
    def kid(self) -> str: ...
    @property
    def algorithm(self) -> str: ...
    @property
    def signatures(self) -> list[tuple[str, str]]: ...
    @property
    def license_arn(self) -> str: ...
    @property
    def issued_at(self) -> datetime: ...
    @property
    def expiration(self) -> Optional[datetime]: ...
    @property
    def not_after(self) -> Optional[datetime]: ...
    @property
    def not_before(self) -> datetime: ...
    @property
    def node_id(self) -> Optional[str]: ...
    @property
    def consumption_token(self) -> Optional[str]: ...
    @property
    def checkout_metadata(self) -> dict[str, str]: ...
    @property
    def entitlements(self) -> list[Entitlement]: ...
    def entitlement(self, name: str) -> Entitlement: ...
    def other(self, name: str) -> Optional[bytes]: ...
    @property
    def signed_document(self) -> bytes: ...

class Verifier:
    """Verifies licenses against pinned keys under a policy; thread-safe."""

    def __init__(
        self,
        keys: KeySet,
        *,
        node_id: Optional[str] = None,
        require: Iterable[str] = (),
        families: Iterable[str] = (),
        algorithms: Optional[Iterable[str]] = None,
        leeway: int = 60,
        strict_kid: bool = False,
        ca: Iterable[bytes] = (),
        max_bytes: Optional[int] = None,
        max_depth: Optional[int] = None,
    ) -> None: ...
    def verify(self, data: bytes, now: Optional[datetime] = None) -> VerifiedLicense: ...
    def verify_detached(
        self,
        document: bytes,
        signature: bytes,
        alg: str,
        now: Optional[datetime] = None,
        *,
        kid: Optional[str] = None,
    ) -> VerifiedLicense: ...
    def recheck(self, license: VerifiedLicense, now: Optional[datetime] = None) -> None: ...
    @property
    def keys(self) -> KeySet: ...

def canonicalize(data: bytes) -> bytes:
    """The RFC 8785 canonical form of a JSON text, read strictly."""
