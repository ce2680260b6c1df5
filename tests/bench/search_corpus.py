"""A reproducible Russian/English helpdesk corpus for the search bench, with planted phrases for recall."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

RUSSIAN = (
    "заказ заказы заказа заказом счёт счета счетом оплата оплаты оплатил оплатили платёж платежа возврат "
    "возврата доставка доставки доставили курьер лицензия лицензии ключ ключа активация активировать "
    "продление продлить ошибка ошибки ошибку сервер сервера сайт сайта домен домена почта почты письмо "
    "письма вложение вложения пароль пароля вход войти аккаунт клиент клиента клиенты менеджер менеджера "
    "поддержка поддержки вопрос вопросы проблема проблемы проблему срочно сегодня завтра вчера неделю "
    "спасибо здравствуйте добрый день прошу помочь не работает работает перестал обновление обновления "
    "версия версии установка установить удалить данные база резервная копия копии отчёт отчёта договор "
    "договора акт акты реквизиты компания компании сотрудник сотрудники задача задачи срок сроки "
    "исполнитель статус закрыт открыт ответ ответа уточнить проверить пришёл пришло"
).split()
ENGLISH = (
    "order orders ordered invoice invoices payment payments paid refund refunds delivery delivered "
    "shipping license licenses licensed key keys activation activate renewal renew error errors server "
    "servers website domain domains mail email emails attachment attachments password login account "
    "customer customers manager support question questions problem problems urgent today tomorrow "
    "yesterday week thanks hello please help not working works stopped update updates version install "
    "installed remove data database backup backups report reports contract contracts company employee "
    "employees task tasks deadline assignee status closed open reply replies check checked received "
    "running failed failing crash crashed slow timeout certificate"
).split()
MAILBOXES = ("support", "sales", "billing", "licensing")
STATUSES = ("new", "open", "pending", "closed")
SYLLABLES = "ka ro mi te lu sa no vi de zu ба ро ми те лу са но ви де зу кра про сто".split()


@dataclass(frozen=True)
class BenchDoc:
    number: int
    title: str
    body: str
    mailbox: int
    status: int


@dataclass(frozen=True)
class Planted:
    phrase: tuple[str, ...]
    numbers: frozenset[int]
    kind: str  # "phrase": exact words in order; "stem": an inflected form, searched by its base form


def _synthetic_words(rng: random.Random, count: int) -> list[str]:
    words = set()
    while len(words) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word.isalpha() and (word.isascii() or not any(c.isascii() for c in word)):
            words.add(word)
    return sorted(words)


class Corpus:
    def __init__(self, size: int, seed: int = 20251125, planted: int = 200, copies: int = 5) -> None:
        self.size = size
        rng = random.Random(seed)
        filler = _synthetic_words(rng, 20_000)
        real = RUSSIAN + ENGLISH
        rng.shuffle(real)
        self.vocabulary = real + filler
        self._query_pool = self.vocabulary[: len(real) + 1000]
        self._weights = _zipf(len(self.vocabulary), rng)
        self.seed = seed
        rare = _synthetic_words(random.Random(seed + 1), 5_000)
        rare = [w + "q" if w.isascii() else w + "щ" for w in rare]  # never in the filler vocabulary
        self.planted: list[Planted] = []
        self._insertions: dict[int, str] = {}
        for i in range(planted):
            a, b, c = rare[3 * i : 3 * i + 3]
            self._plant(
                rng, Planted((a, b, c), frozenset(), "phrase"), f"{a} {b} {c}", f"{c} {b} {a}", copies
            )
            d = rare[3 * planted + i]
            # "накладными" is not in the vocabulary, so only planted documents hold the pair
            self._plant(rng, Planted((d, "накладная"), frozenset(), "stem"), f"{d} накладными", d, copies)

    def _plant(self, rng: random.Random, planted: Planted, text: str, decoy: str, copies: int) -> None:
        free = [n for n in rng.sample(range(1, self.size + 1), copies * 3) if n not in self._insertions]
        targets, decoys = free[:copies], free[copies : 2 * copies]
        for n in targets:
            self._insertions[n] = text
        for n in decoys:  # the same words out of order (or without the stemmed word): must not match
            self._insertions[n] = decoy
        self.planted.append(Planted(planted.phrase, frozenset(targets), planted.kind))

    def documents(self) -> Iterator[BenchDoc]:
        rng = random.Random(self.seed + 2)
        words, weights = self.vocabulary, self._weights
        for n in range(self.size):
            title = " ".join(rng.choices(words, cum_weights=weights, k=rng.randint(3, 8)))
            body_words = rng.choices(words, cum_weights=weights, k=rng.randint(20, 90))
            if n + 1 in self._insertions:
                body_words.insert(rng.randint(0, len(body_words)), self._insertions[n + 1])
            yield BenchDoc(n + 1, title, " ".join(body_words), rng.randrange(4), rng.randrange(4))

    def queries(self, kind: str, count: int) -> list[tuple[str, ...]]:
        """Query words drawn from the frequent part of the vocabulary, so most queries have many hits."""
        rng = random.Random(f"{self.seed}-{kind}")
        pool = self._query_pool
        if kind == "phrase":
            sample = [d.body.split() for d in _first(self.documents(), 2_000)]
            picked = []
            for _ in range(count):
                words = rng.choice(sample)
                start = rng.randrange(max(1, len(words) - 3))
                picked.append(tuple(words[start : start + 2]))
            return picked
        size = 2 if kind == "two_words" else 1
        return [tuple(rng.sample(pool, size)) for _ in range(count)]


def _first(docs: Iterator[BenchDoc], count: int) -> list[BenchDoc]:
    return [doc for _, doc in zip(range(count), docs, strict=False)]


def _zipf(count: int, rng: random.Random) -> list[float]:
    total, cumulative = 0.0, []
    for rank in range(1, count + 1):
        total += 1.0 / rank**0.9
        cumulative.append(total)
    return cumulative
