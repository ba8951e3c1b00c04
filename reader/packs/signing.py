"""Ed25519 keys and signatures (the only module that imports `cryptography`).

A private key file is PKCS#8 PEM, encrypted when a passphrase is given. The public half is written
beside it as a key-file entry (see trust.py) ready to paste into `trusted_keys.json`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from reader.packs.errors import PackError
from reader.packs.trust import Trust, TrustedKey, key_id_of


@dataclass(frozen=True)
class SigningKey:
    """A publisher's private key, ready to sign."""

    _key: Ed25519PrivateKey

    @property
    def public_key(self) -> bytes:
        return self._key.public_key().public_bytes(serialization.Encoding.Raw,
                                                   serialization.PublicFormat.Raw)

    @property
    def key_id(self) -> str:
        return key_id_of(self.public_key)

    def sign(self, data: bytes) -> bytes:
        return self._key.sign(data)

    def trusted(self, publisher: str, pack_ids: tuple[str, ...]) -> TrustedKey:
        """The public half as an entry for a key file."""
        return TrustedKey(self.key_id, self.public_key, publisher, tuple(pack_ids))

    def private_pem(self, passphrase: bytes | None = None) -> bytes:
        encryption = (serialization.BestAvailableEncryption(passphrase) if passphrase
                      else serialization.NoEncryption())
        return self._key.private_bytes(serialization.Encoding.PEM,
                                       serialization.PrivateFormat.PKCS8, encryption)


def generate_key() -> SigningKey:
    return SigningKey(Ed25519PrivateKey.generate())


def write_private_key(key: SigningKey, path: Path, passphrase: bytes | None = None) -> None:
    """Write the private key readable by its owner only; never overwrites an existing file."""
    path = Path(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key.private_pem(passphrase))


def load_private_key(path: Path, passphrase: bytes | None = None) -> SigningKey:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PackError(str(path), f"cannot read the key: {exc.strerror or exc}") from None
    try:
        key = serialization.load_pem_private_key(data, password=passphrase or None)
    except TypeError:
        raise PackError(str(path), "the key is encrypted: set FACTSHEET_READER_KEY_PASSPHRASE"
                        if not passphrase else "the key is not encrypted; unset the passphrase") \
            from None
    except ValueError:
        raise PackError(str(path), "not an Ed25519 private key in PEM form, or the passphrase "
                                   "is wrong") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise PackError(str(path), "not an Ed25519 private key")
    return SigningKey(key)


def verify_signature(trust: Trust, key_id: str, data: bytes, signature: bytes,
                     source: str) -> TrustedKey:
    """The trusted key that signed `data`; PackError if the key is unknown or the signature bad."""
    key = trust.get(key_id)
    if key is None:
        raise PackError(source, f"signed with key {key_id}, which this app does not trust")
    try:
        Ed25519PublicKey.from_public_bytes(key.public_key).verify(signature, data)
    except InvalidSignature:
        raise PackError(source, "the signature does not match (the file was changed after it "
                                "was signed, or is damaged)") from None
    return key
