"""The facilitator link's sentences: the terminal and the "new secret link" action of the
facilitator pages (merged into ``texts.CATALOG``)."""

from __future__ import annotations

ACCESS_CATALOG: dict[str, tuple[str, str]] = {
    # the terminal (robolab serve)
    "serve.link_note": (
        "(nouveau à chaque démarrage ; les liens donnés avant restent bons. Lien perdu ou vu par "
        "d'autres ? robolab serve --new-facilitator-link)",
        "(new at every start; links given before still work. Lost it, or seen by others? "
        "robolab serve --new-facilitator-link)",
    ),
    "serve.new_link": (
        "Nouveau lien secret : les liens donnés avant et les navigateurs déjà entrés comme "
        "animateur ne marchent plus.",
        "New secret link: the links given before and the browsers already let in as a "
        "facilitator no longer work.",
    ),
    # the facilitator pages
    "fac.new_link": ("Nouveau lien secret", "New secret link"),
    "fac.new_link_title": ("Faire un nouveau lien animateur ?", "Make a new facilitator link?"),
    "fac.new_link_text": (
        "À faire si le lien animateur a pu être vu (une photo, le projecteur). Tous les anciens "
        "liens cessent de marcher et les autres navigateurs d'animateur (un autre ordinateur, le "
        "projecteur) sont déconnectés : donne-leur le nouveau lien. Ce navigateur reste entré.",
        "Do this if the facilitator link may have been seen (a photo, the projector). Every older "
        "link stops working and the other facilitators' browsers (another laptop, the projector) "
        "are let out: give them the new link. This browser stays in.",
    ),
    "fac.new_link_go": ("Faire un nouveau lien", "Make a new link"),
    "fac.new_link_done": ("Le nouveau lien animateur", "The new facilitator link"),
    "fac.new_link_keep": (
        "Garde-le pour toi : il donne tous les droits d'animateur. Scanne le QR code avec un "
        "autre appareil d'animateur, ou copie le lien. Il ne sera plus affiché.",
        "Keep it to yourself: it gives every facilitator right. Scan the QR code with another "
        "facilitator device, or copy the link. It will not be shown again.",
    ),
    "fac.new_link_close": ("C'est noté", "Got it"),
}
