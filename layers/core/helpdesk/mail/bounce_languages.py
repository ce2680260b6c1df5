# ruff: noqa: E501 - one language a line
"""How mail systems say a mail was not delivered, per language: the data `bounce_signals` reads.

`subjects` are words of a notice's subject ("Undeliverable:", "Non remis :", "配信エラー"), `phrases` the
wording of its body ("could not be delivered", "konnte nicht zugestellt werden"). Regular-expression
alternatives, matched case-insensitively. A new language is one entry.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NoticeWords:
    subjects: str = ""
    phrases: str = ""


LANGUAGES: dict[str, NoticeWords] = {
    "en": NoticeWords(
        subjects=r"undeliver|delivery (?:status|failure|failed|notification|report|problem|error)"
        r"|failure notice|mail delivery failed|returned mail|mail system error|non-?deliver|delivery has failed"
        r"|could not send|message not delivered|not delivered|cannot send|delayed mail|delivery failure"
        r"|rejected|mail failure|loop alert|could ?n[o']t be delivered|returned to sender|delivery problem"
        r"|permanent error|warning: message|error sending|bounce|mail failed|returning (?:message )?to sender",
        phrases=r"could ?n[o']t be delivered|(?:was ?n[o']t|not) able to deliver|unable to deliver"
        r"|delivery (?:has )?failed|undeliverable|did not reach the following recipient"
        r"|permanent (?:error|failure)|temporary (?:error|failure)"
        r"|following (?:address|recipient)(?:\(?e?s\)?)? (?:failed|had|was|were|could)"
        r"|delivery to the following|not be delivered|message (?:was|has) not been delivered|delivery errors"
        r"|was rejected by|have been rejected|failed permanently|delivery attempts will continue"
        r"|returned to the sender|message could not be sent|duplicated message-id"
        r"|delivery to [^\n]{0,100} failed|rejected your message|group [^\n]{0,100} may not exist"
        r"|did not accept|fatal errors?|following addresses had|will be retried|transcript of session follows"
        r"|cannot send message|was not delivered|could ?n[o']t deliver|warning message only|failed addresses follow",
    ),
    # Mailing-list software (Mailman, Sympa, ezmlm, LISTSERV, Google Groups) refusing a post.
    "lists": NoticeWords(
        subjects=r"rejected posting|posting rejected|message rejected|not allowed to post|post(?:ing)? denied",
        phrases=r"not (?:allowed|authori[sz]ed|permitted) to (?:post|send messages) to"
        r"|only (?:list )?(?:subscribers|members) (?:may|can|are allowed to) (?:post|send)"
        r"|post(?:ing)? by non-?member|non-?member (?:post|submission)|members-only (?:mailing )?list"
        r"|(?:your )?(?:message|posting|post) (?:to [^\n]{1,80} )?(?:was|has been) rejected",
    ),
    "de": NoticeWords(
        subjects=r"unzustellbar|nicht zugestellt|zustellung fehlgeschlagen|fehlgeschlagene zustellung",
        phrases=r"konnte nicht zugestellt|unzustellbar|zustellung (?:ist )?fehlgeschlagen|nicht zugestellt werden",
    ),
    "fr": NoticeWords(
        subjects=r"non remis|non distribu[ée]|[ée]chec de (?:la )?(?:remise|distribution)",
        phrases=r"n'a pas pu [êe]tre (?:remis|distribu[ée]|d[ée]livr[ée])|[ée]chec de (?:la )?(?:remise|distribution)",
    ),
    "es": NoticeWords(
        subjects=r"no se puede entregar|no entregado|error de entrega|fallo en la entrega",
        phrases=r"no se pudo entregar|no ha podido ser entregado|no se ha podido entregar",
    ),
    "pt": NoticeWords(
        subjects=r"n[ãa]o [ée] poss[íi]vel entregar|n[ãa]o entregue|falha na entrega",
        phrases=r"n[ãa]o p[ôo]de ser entregue|n[ãa]o foi poss[íi]vel entregar|falha na entrega",
    ),
    "it": NoticeWords(
        subjects=r"non recapitabile|recapito non riuscito|mancato recapito|impossibile recapitare",
        phrases=r"non [èe] stato possibile|non pu[òo] essere recapitat|impossibile recapitare",
    ),
    "nl": NoticeWords(
        subjects=r"onbestelbaar|niet bezorgd|bezorging mislukt",
        phrases=r"k(?:a|o)n niet worden (?:bezorgd|afgeleverd)|niet afgeleverd",
    ),
    "sv": NoticeWords(
        subjects=r"kan inte levereras|ej levererat|leveransfel|olevererbar",
        phrases=r"kunde inte levereras|kan inte levereras",
    ),
    "no": NoticeWords(
        subjects=r"kan ikke leveres|ikke levert|leveringsfeil",
        phrases=r"kunne ikke leveres|kan ikke leveres",
    ),
    "da": NoticeWords(
        subjects=r"kunne ikke leveres|ikke leveret|leveringsfejl",
        phrases=r"kunne ikke leveres|kan ikke leveres",
    ),
    "fi": NoticeWords(
        subjects=r"ei voi toimittaa|toimitus ep[äa]onnistui|ei toimitettu",
        phrases=r"ei voitu toimittaa|toimitus ep[äa]onnistui",
    ),
    "pl": NoticeWords(
        subjects=r"niedostarczaln|nie dostarczono|b[łl][ąa]d dostarczenia",
        phrases=r"nie (?:mog[łl]a|mo[żz]e) zosta[ćc] dostarczon|nie zosta[łl]a dostarczon|nie mo[żz]na dostarczy[ćc]",
    ),
    "cs": NoticeWords(
        subjects=r"nedoru[čc]iteln|nedoru[čc]eno|chyba doru[čc]en[íi]",
        phrases=r"nelze doru[čc]it|nemohla b[ýy]t doru[čc]ena|nebyla doru[čc]ena",
    ),
    "tr": NoticeWords(
        subjects=r"teslim edilemedi|teslim edilemeyen|iletilemedi",
        phrases=r"teslim edilemedi|iletilemedi",
    ),
    "hu": NoticeWords(
        subjects=r"k[ée]zbes[íi]thetetlen|nem k[ée]zbes[íi]thet",
        phrases=r"nem siker[üu]lt k[ée]zbes[íi]teni|nem k[ée]zbes[íi]thet",
    ),
    "ru": NoticeWords(
        subjects=r"недоставлен|не доставлен|ошибка доставки",
        phrases=r"не может быть доставлено|не было доставлено|не доставлено|не удалось доставить"
        r"|не может быть доставлен",
    ),
    "uk": NoticeWords(
        subjects=r"не доставлено|помилка доставки",
        phrases=r"не вдалося доставити|не може бути доставлено",
    ),
    "ja": NoticeWords(
        subjects=r"配信不能|配信エラー|配送エラー|配信失敗|送信エラー|未配達|エラーメール|送信できませんでした|返送",
        phrases=r"配信できませんでした|送信できませんでした|配送できませんでした|届けることができませんでした"
        r"|配信に失敗|宛先[^\n]{0,20}見つかりません",
    ),
    "ko": NoticeWords(
        subjects=r"배달되지 않음|전송 실패|배달 실패|반송",
        phrases=r"전송되지 못했|배달할 수 없|전달되지 않았|배달되지 않았|전송에 실패",
    ),
    "zh": NoticeWords(
        subjects=r"退信|无法投递|未能送达|投递失败|發送失敗|無法傳遞",
        phrases=r"无法投递|未能成功送达|投递失败|無法傳遞|無法送達|发送失败",
    ),
}


def alternatives(kind: str) -> str:
    return "|".join(getattr(words, kind) for words in LANGUAGES.values() if getattr(words, kind))
