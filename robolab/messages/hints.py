"""Hints from the learner's own run (robolab/hints/)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # hints from the learner's own run (robolab/hints/)
    "hint.unit.block": ("bloc|blocs", "block|blocks"),
    "hint.unit.step": ("pas|pas", "step|steps"),
    "hint.unit.gem": ("gemme|gemmes", "gem|gems"),
    "hint.nth": (" ({ord} passage)", " ({ord} time)"),
    "hint.at_block": ("Au bloc {number}{nth}", "At block {number}{nth}"),
    "hint.at_block_variant": (
        "Sur la variante n°{n}, au bloc {number}{nth}",
        "On variant #{n}, at block {number}{nth}",
    ),
    "hint.after_block": ("Après le bloc {number}", "After block {number}"),
    "hint.after_block_variant": (
        "Sur la variante n°{n}, après le bloc {number}",
        "On variant #{n}, after block {number}",
    ),
    "hint.in_proc": (
        "Dans la procédure « {name} », au bloc {number}{nth}",
        'In the procedure "{name}", at block {number}{nth}',
    ),
    "hint.in_proc_variant": (
        "Sur la variante n°{n}, dans la procédure « {name} », au bloc {number}{nth}",
        'On variant #{n}, in the procedure "{name}", at block {number}{nth}',
    ),
    "hint.after_proc": (
        "Dans la procédure « {name} », après le bloc {number}{nth}",
        'In the procedure "{name}", after block {number}{nth}',
    ),
    "hint.after_proc_variant": (
        "Sur la variante n°{n}, dans la procédure « {name} », après le bloc {number}{nth}",
        'On variant #{n}, in the procedure "{name}", after block {number}{nth}',
    ),
    "hint.nth_call": (" ({ord} appel)", " ({ord} call)"),
    "hint.nth_call_pass": (" ({call} appel, {ord} passage)", " ({call} call, {ord} time)"),
    "hint.every_call": (", à chaque appel", ", at every call"),
    "hint.call_wrong": (
        "{where}, le programme appelle la procédure « {name} » alors qu'ici, {path}.",
        '{where}, the program calls the procedure "{name}", but here {path}.',
    ),
    "hint.proc_ends": (
        "{where}, la procédure se termine alors qu'ici, {path}.",
        "{where}, the procedure ends, but here {path}.",
    ),
    "hint.proc_ends_lost": (
        "{where}, la procédure se termine : à partir de là, le robot ne peut plus arriver au but.",
        "{where}, the procedure ends: from there, the robot cannot reach the goal any more.",
    ),
    "hint.did.turn_left": ("le robot a tourné à gauche", "the robot turned left"),
    "hint.did.turn_right": ("le robot a tourné à droite", "the robot turned right"),
    "hint.did.move_forward": ("le robot a avancé", "the robot moved forward"),
    "hint.did.move_backward": ("le robot a reculé", "the robot moved backward"),
    "hint.did.crash_forward": ("le robot a foncé dans un mur", "the robot drove into a wall"),
    "hint.did.crash_backward": ("le robot a reculé dans un mur", "the robot backed into a wall"),
    "hint.did.fall_forward": ("le robot est tombé dans l'eau", "the robot fell into the water"),
    "hint.did.fall_backward": ("le robot a reculé dans l'eau", "the robot backed into the water"),
    "hint.path.forward": ("le chemin continue tout droit", "the path goes straight on"),
    "hint.path.left": ("le chemin continue à gauche", "the path goes on to the left"),
    "hint.path.right": ("le chemin continue à droite", "the path goes on to the right"),
    "hint.path.back": ("le chemin continue derrière le robot", "the path goes on behind the robot"),
    "hint.wrong_step": ("{where}, {did} : ici, {path}.", "{where}, {did}: here, {path}."),
    "hint.wrong_step_lost": (
        "{where}, {did} : à partir de là, il ne peut plus arriver au but.",
        "{where}, {did}: from there, it cannot reach the goal any more.",
    ),
    "hint.detour": (
        "{where}, le robot fait un détour : ici, {path}.",
        "{where}, the robot takes a detour: here, {path}.",
    ),
    "hint.next_block": (
        "{where}, le bon bloc est « {action} ».",
        '{where}, the right block is "{action}".',
    ),
    "hint.then_block": (
        "Le bloc suivant est « {action} ».",
        'The next block is "{action}".',
    ),
    "hint.stopped_at": (
        "{where}, le programme s'arrête alors que le robot est encore à {steps} du but.",
        "{where}, the program stops while the robot is still {steps} away from the goal.",
    ),
    "hint.no_move": (
        "Ton programme ne fait jamais bouger le robot : ajoute un bloc qui le fait avancer ou tourner.",
        "Your program never moves the robot: add a block that makes it move or turn.",
    ),
    "hint.nudge.crash": (
        "Aïe, le robot se cogne contre un mur ! Suis son trajet avec ton doigt, bloc par bloc : "
        "à quel moment se trompe-t-il ?",
        "Ouch, the robot bumps into a wall! Follow its path with your finger, block by block: "
        "when does it go wrong?",
    ),
    "hint.nudge.fall": (
        "Plouf, le robot tombe à l'eau ! Suis son trajet avec ton doigt, bloc par bloc : "
        "à quel moment se trompe-t-il ?",
        "Splash, the robot falls into the water! Follow its path with your finger, block by "
        "block: when does it go wrong?",
    ),
    "hint.nudge.off_path": (
        "Le robot quitte le bon chemin. Suis son trajet avec ton doigt : où se trompe-t-il ?",
        "The robot leaves the right path. Follow it with your finger: where does it go wrong?",
    ),
    "hint.nudge.stopped": (
        "Le robot est sur le bon chemin, mais ton programme s'arrête trop tôt : il manque des "
        "blocs.",
        "The robot is on the right path, but your program stops too early: some blocks are "
        "missing.",
    ),
    "hint.nudge.stopped_gems": (
        "Le robot est sur le bon chemin, mais ton programme s'arrête trop tôt : il reste {gems} "
        "à ramasser.",
        "The robot is on the right path, but your program stops too early, with {gems} left to "
        "pick up.",
    ),
    "hint.nudge.gems_left": (
        "Ton programme s'arrête avec encore {gems} à ramasser : chaque gemme demande un détour.",
        "Your program stops with {gems} left to pick up: each gem needs a detour.",
    ),
    "hint.nudge.stuck": (
        "Le robot ne bouge plus : une boucle tourne sans fin sans le faire avancer.",
        "The robot does not move any more: a loop goes on and on without moving it.",
    ),
    "hint.nudge.endless": (
        "Le robot tourne en rond : il repasse sans fin par les mêmes cases.",
        "The robot is going round in circles: it keeps coming back to the same squares.",
    ),
    "hint.nudge.calls": (
        "Une procédure s'appelle elle-même sans jamais s'arrêter.",
        "A procedure calls itself and never stops.",
    ),
    "hint.nudge.every_call": (
        "Regarde ta procédure « {name} » : elle fait la même erreur à chaque appel.",
        'Look at your procedure "{name}": it makes the same mistake at every call.',
    ),
    "hint.nudge.variant": (
        "Ton programme marche sur la première carte, mais pas sur la variante n°{n} : "
        "ses chemins sont différents.",
        "Your program works on the first map, but not on variant #{n}: its paths are different.",
    ),
    "hint.nudge.use_sensor": (
        "Compter les cases ne suffit pas : utilise un capteur pour que le robot regarde le chemin.",
        "Counting squares is not enough: use a sensor so the robot looks at the path.",
    ),
    "hint.stuck_loop": (
        "La boucle du bloc {number} « {label} » ne s'arrête jamais : le robot ne bouge plus, "
        "donc « {sensor} » donne toujours la même réponse.",
        'The loop at block {number} ("{label}") never stops: the robot does not move, '
        'so "{sensor}" always gives the same answer.',
    ),
    "hint.stuck_block": (
        "Au bloc {number}, le programme tourne sans faire bouger le robot.",
        "At block {number}, the program keeps going without moving the robot.",
    ),
    "hint.stuck_fix": (
        "Dans la boucle du bloc {number}, ajoute un bloc qui fait bouger le robot, par exemple "
        "« {action} ».",
        'Inside the loop at block {number}, add a block that moves the robot, for example "{action}".',
    ),
    "hint.endless_loop": (
        "La boucle du bloc {number} « {label} » ne s'arrête jamais : le robot repasse sans cesse "
        "par les mêmes cases.",
        'The loop at block {number} ("{label}") never stops: the robot keeps coming back to the '
        "same squares.",
    ),
    "hint.calls_at": (
        "Au bloc {number}, la procédure « {name} » s'appelle encore et encore, sans jamais s'arrêter.",
        'At block {number}, the procedure "{name}" calls itself again and again, never stopping.',
    ),
    "hint.calls_fix": (
        "Mets l'appel du bloc {number} dans un « si », ou enlève-le : la procédure doit pouvoir "
        "s'arrêter.",
        'Put the call at block {number} inside an "if", or remove it: the procedure must be able '
        "to stop.",
    ),
    "hint.too_many_blocks": (
        "Ton programme a {count} blocs, mais ce défi en permet {max} : cherche ce qui se répète.",
        "Your program has {count} blocks, but this challenge allows {max}: look for what repeats.",
    ),
    "hint.fewer_blocks": (
        "Ton programme marche ! Une solution existe avec {blocks} de moins : cherche ce qui se "
        "répète.",
        "Your program works! There is a solution with {blocks} fewer: look for what repeats.",
    ),
    "hint.fewer_blocks_unused": (
        "Ton programme marche ! Une solution existe avec {blocks} de moins : un bloc ne sert à "
        "rien.",
        "Your program works! There is a solution with {blocks} fewer: a block is never used.",
    ),
    "hint.fewer_blocks_look": (
        "Des blocs qui se suivent font-ils la même chose ? Une boucle ou une procédure peut les "
        "remplacer.",
        "Do blocks that follow each other do the same thing? A loop or a procedure can replace them.",
    ),
    "hint.unused": (
        "Le bloc {number} « {label} » ne sert à rien : le robot est déjà arrivé avant.",
        'Block {number} ("{label}") is never used: the robot has already arrived before.',
    ),
    "hint.repeats": (
        "Les blocs {first} à {last} font {times} fois la même chose.",
        "Blocks {first} to {last} do the same thing {times} times.",
    ),
    "hint.blocks_range": ("les blocs {first} à {last}", "blocks {first} to {last}"),
    "hint.use_repeat": (
        "Remplace les blocs {first} à {last} par « répéter {times} fois » avec dedans : {body}.",
        'Replace blocks {first} to {last} with "repeat {times} times" holding: {body}.',
    ),
    "hint.reference_uses": (
        "La solution la plus courte utilise le bloc « {block} ».",
        'The shortest solution uses the "{block}" block.',
    ),
    "hint.try_block": (
        "Essaie le bloc « {block} » : la solution la plus courte l'utilise.",
        'Try the "{block}" block: the shortest solution uses it.',
    ),
    "hint.try_sensor": (
        "Essaie le bloc « {block} » avec le capteur « {sensor} » : le robot regardera le chemin "
        "au lieu de compter les cases.",
        'Try the "{block}" block with the "{sensor}" sensor: the robot will look at the path '
        "instead of counting squares.",
    ),
    "hint.try_sensor_more": (
        "Essaie un bloc « {block} » avec le capteur « {sensor} ».",
        'Try the "{block}" block with the "{sensor}" sensor.',
    ),
    "hint.shorter": (
        "Ton programme marche ! Un chemin plus court existe : {steps} de moins.",
        "Your program works! There is a shorter path: {steps} fewer.",
    ),
    "hint.perfect": (
        "Bravo, trois étoiles : il n'y a rien à améliorer ! Essaie le défi suivant.",
        "Well done, three stars: there is nothing to improve! Try the next challenge.",
    ),
    "hint.empty_look": (
        "Regarde où le robot doit aller en premier, puis ajoute les blocs un par un.",
        "Look where the robot must go first, then add the blocks one by one.",
    ),
    "hint.start_with": ("Commence par le bloc « {action} ».", 'Start with the "{action}" block.'),
    "hint.text": ("{text}", "{text}"),
    "hint.edit.replace": (
        "Essaie « {action} » à la place du bloc {number}.",
        'Try "{action}" instead of block {number}.',
    ),
    "hint.edit.insert_before": (
        "Ajoute « {action} » juste avant le bloc {number}.",
        'Add "{action}" just before block {number}.',
    ),
    "hint.edit.insert_after": (
        "Ajoute « {action} » juste après le bloc {number}.",
        'Add "{action}" just after block {number}.',
    ),
    "hint.edit.append": (
        "Ajoute « {action} » à la fin du programme.",
        'Add "{action}" at the end of the program.',
    ),
    "hint.edit.remove": (
        "Essaie d'enlever le bloc {number} « {label} ».",
        'Try removing block {number} ("{label}").',
    ),
    "hint.edit.times": (
        "Au bloc {number}, essaie « répéter {times} fois » au lieu de {old} fois.",
        'At block {number}, try "repeat {times} times" instead of {old}.',
    ),
    "hint.edit.into_loop": (
        "Ajoute « {action} » à la fin de la boucle du bloc {number}.",
        'Add "{action}" at the end of the loop at block {number}.',
    ),
    "hint.edit.mirror": (
        "Juste après le bloc {number}, ajoute une boucle « {label} » comme celle du bloc "
        "{source}, avec les mêmes blocs dedans.",
        'Just after block {number}, add a "{label}" loop like the one at block {source}, with '
        "the same blocks inside.",
    ),
    "hint.edit_in.replace": (
        "Dans la procédure « {name} », essaie « {action} » à la place du bloc {number}.",
        'In the procedure "{name}", try "{action}" instead of block {number}.',
    ),
    "hint.edit_in.insert_before": (
        "Dans la procédure « {name} », ajoute « {action} » juste avant le bloc {number}.",
        'In the procedure "{name}", add "{action}" just before block {number}.',
    ),
    "hint.edit_in.insert_after": (
        "Dans la procédure « {name} », ajoute « {action} » juste après le bloc {number}.",
        'In the procedure "{name}", add "{action}" just after block {number}.',
    ),
    "hint.edit_in.remove": (
        "Dans la procédure « {name} », essaie d'enlever le bloc {number} « {label} ».",
        'In the procedure "{name}", try removing block {number} ("{label}").',
    ),
    "hint.edit_in.times": (
        "Dans la procédure « {name} », au bloc {number}, essaie « répéter {times} fois » au lieu "
        "de {old} fois.",
        'In the procedure "{name}", at block {number}, try "repeat {times} times" instead of '
        "{old}.",
    ),
    "hint.edit_in.into_loop": (
        "Dans la procédure « {name} », ajoute « {action} » à la fin de la boucle du bloc {number}.",
        'In the procedure "{name}", add "{action}" at the end of the loop at block {number}.',
    ),
    "hint.edit_in.mirror": (
        "Dans la procédure « {name} », juste après le bloc {number}, ajoute une boucle « {label} » "
        "comme celle du bloc {source}, avec les mêmes blocs dedans.",
        'In the procedure "{name}", just after block {number}, add a "{label}" loop like the one '
        "at block {source}, with the same blocks inside.",
    ),
    "cli.hint_level": ("Indice {level} : {text}", "Hint {level}: {text}"),
    "cli.hint_written": ("Indice du défi : {text}", "Challenge hint: {text}"),
}
