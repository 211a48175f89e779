"""Passphrase strength, estimated with zxcvbn.

An attacker with a stolen laptop guesses offline against Argon2id: zxcvbn's
score 3 ("safely unguessable: moderate protection from an offline slow-hash
scenario") is exactly that case, so anything below 3 is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from binder.errors import WeakPassphraseError

MIN_SCORE = 3
MIN_LENGTH = 10
LABELS = ("very weak", "weak", "fair", "strong", "very strong")


@dataclass(frozen=True)
class Strength:
    score: int
    label: str
    feedback: str
    crack_time: str

    @property
    def guess_time(self) -> str:
        """How long an offline attacker needs, as a phrase: "guessed at once",
        "about 3 hours to guess", "centuries to guess" (zxcvbn's words made a sentence)."""
        if self.crack_time in ("less than a second", "instant"):
            return "guessed at once"
        if self.crack_time == "centuries":
            return "centuries to guess"
        return f"about {self.crack_time} to guess"

    @property
    def acceptable(self) -> bool:
        return self.score >= MIN_SCORE


def estimate(passphrase: str, user_inputs: tuple[str, ...] = ()) -> Strength:
    if not passphrase:
        return Strength(0, LABELS[0], "Type a passphrase: four or more unrelated words work well.", "instantly")
    # Imported here: it loads large word lists, and app start-up must stay fast.
    from zxcvbn import zxcvbn

    # zxcvbn slows down sharply on long inputs; the first 100 characters decide.
    result = zxcvbn(passphrase[:100], user_inputs=list(user_inputs))
    score = int(result["score"])
    if len(passphrase) < MIN_LENGTH:
        score = min(score, 1)
    fb = result.get("feedback", {})
    tips = [fb.get("warning") or ""] + list(fb.get("suggestions") or [])
    text = " ".join(t for t in tips if t) or (
        "Good." if score >= MIN_SCORE else "Add another unrelated word or two.")
    if len(passphrase) < MIN_LENGTH:
        text = f"Use at least {MIN_LENGTH} characters. " + text
    crack = str(result["crack_times_display"]["offline_slow_hashing_1e4_per_second"])
    return Strength(score, LABELS[score], text, crack)


def require_strong(passphrase: str, user_inputs: tuple[str, ...] = ()) -> Strength:
    strength = estimate(passphrase, user_inputs)
    if not strength.acceptable:
        raise WeakPassphraseError(
            f"That passphrase is {strength.label}: {strength.feedback} "
            "Someone with a stolen copy of the binder could guess it.")
    return strength
