"""Sharing packs: robolab pack export / import."""

MESSAGES: dict[str, tuple[str, str]] = {
    # sharing packs: robolab pack export / import (robolab/pack_archive.py)
    "archive.not_a_pack": (
        "{folder} n'est pas un paquet : il n'y a pas de pack.yaml",
        "{folder} is not a pack: there is no pack.yaml",
    ),
    "archive.pack_invalid": (
        "le paquet {folder} ne passe pas les vérifications de « robolab check »",
        'pack {folder} fails the checks of "robolab check"',
    ),
    "archive.too_many_files": (
        "trop de fichiers ({count}, au plus {max})",
        "too many files ({count}, at most {max})",
    ),
    "archive.file_too_big": (
        "le fichier {name} est trop gros (au plus {max} octets)",
        "file {name} is too big (at most {max} bytes)",
    ),
    "archive.too_big": (
        "l'archive est trop grosse (au plus {max} octets en tout)",
        "the archive is too big (at most {max} bytes in all)",
    ),
    "archive.bad_file_name": (
        "nom de fichier non portable : {name} (lettres, chiffres, - et _, puis .yaml)",
        "file name not portable: {name} (letters, digits, - and _, then .yaml)",
    ),
    "archive.not_zip": (
        "{file} n'est pas une archive zip lisible",
        "{file} is not a readable zip archive",
    ),
    "archive.duplicate": (
        "le fichier {name} apparaît deux fois dans l'archive",
        "file {name} appears twice in the archive",
    ),
    "archive.not_in_manifest": (
        "le fichier {name} n'est pas dans le manifeste de l'archive",
        "file {name} is not listed in the archive's manifest",
    ),
    "archive.size_mismatch": (
        "la taille de {name} ne correspond pas au manifeste",
        "the size of {name} does not match the manifest",
    ),
    "archive.missing_file": (
        "le fichier {name} du manifeste manque dans l'archive",
        "file {name} of the manifest is missing from the archive",
    ),
    "archive.symlink": (
        "l'archive contient un lien symbolique ({name})",
        "the archive contains a symbolic link ({name})",
    ),
    "archive.unsafe_path": (
        "chemin dangereux dans l'archive : {name} (ni .., ni chemin absolu, ni lecteur, ni \\)",
        "unsafe path in the archive: {name} (no .., no absolute path, no drive, no \\)",
    ),
    "archive.unexpected": (
        "élément inattendu dans l'archive : {name} (seuls le manifeste et les fichiers du paquet, "
        "dans un seul dossier, sont attendus)",
        "unexpected entry in the archive: {name} (only the manifest and the pack's files, in one "
        "folder, are expected)",
    ),
    "archive.not_regular": (
        "{name} n'est pas un fichier ordinaire",
        "{name} is not a regular file",
    ),
    "archive.encrypted": ("{name} est chiffré", "{name} is encrypted"),
    "archive.compression": (
        "{name} utilise une compression non prise en charge",
        "{name} uses an unsupported compression",
    ),
    "archive.not_yaml": (
        "{name} n'est pas un fichier de défi : seuls les fichiers .yaml sont acceptés",
        "{name} is not a challenge file: only .yaml files are accepted",
    ),
    "archive.no_manifest": (
        "pas de manifeste (robolab-pack.json) : ce n'est pas un paquet RoboLab",
        "no manifest (robolab-pack.json): this is not a RoboLab pack",
    ),
    "archive.bad_manifest": ("manifeste invalide ({why})", "invalid manifest ({why})"),
    "archive.bad_format": (
        "format d'archive « {got} » inconnu, attendu « {want} »",
        'unknown archive format "{got}", expected "{want}"',
    ),
    "archive.corrupt": (
        "le fichier {name} est abîmé dans l'archive",
        "file {name} is damaged in the archive",
    ),
    "archive.checksum": (
        "l'empreinte sha256 de {name} ne correspond pas au manifeste : archive modifiée ou abîmée",
        "the sha256 checksum of {name} does not match the manifest: the archive was changed or "
        "damaged",
    ),
    "archive.id_mismatch": (
        "le pack.yaml dit « {got} » mais le manifeste dit « {pack} »",
        'pack.yaml says "{got}" but the manifest says "{pack}"',
    ),
    "archive.exists": (
        "le paquet « {pack} » est déjà installé dans {folder} (version {version}) : "
        "ajoute --replace pour le remplacer",
        'pack "{pack}" is already installed in {folder} (version {version}): '
        "add --replace to replace it",
    ),
    "archive.exists_unknown": (
        "le paquet « {pack} » est déjà installé dans {folder} : ajoute --replace pour le remplacer",
        'pack "{pack}" is already installed in {folder}: add --replace to replace it',
    ),
    "archive.exported": (
        "Paquet « {pack} » version {version} : {count} fichier(s) écrit(s) dans {file}.",
        'Pack "{pack}" version {version}: {count} file(s) written to {file}.',
    ),
    "archive.skipped": (
        "Laissés de côté (pas des fichiers de défi) : {names}",
        "Left out (not challenge files): {names}",
    ),
    "archive.installed": (
        "Paquet « {pack} » version {version} installé dans {folder}.",
        'Pack "{pack}" version {version} installed in {folder}.',
    ),
    "archive.replaced": (
        "Paquet « {pack} » version {version} installé dans {folder} (l'ancienne version est "
        "remplacée).",
        'Pack "{pack}" version {version} installed in {folder} (the old version was replaced).',
    ),
    "archive.use_it": (
        "Pour l'utiliser : robolab serve --pack {root}",
        "To use it: robolab serve --pack {root}",
    ),
    "archive.refused": ("{file} : archive refusée : {why}", "{file}: archive refused: {why}"),
    "archive.export_refused": (
        "{folder} : export impossible : {why}",
        "{folder}: cannot export: {why}",
    ),
}
