"""The simulator window (``robolab sim``): watch a run, step through it, or drive by hand.

Keys: Space play/pause, Right step, Left step back, R restart, + / - speed, L language, Esc quit.
Without a program the arrow keys drive the robot (Backspace takes a move back). Every control is
also a button under the map. The window can be resized; the map and the text follow.
"""

from __future__ import annotations

from typing import Any

from robolab import palette
from robolab.challenge import Challenge
from robolab.i18n import Lang
from robolab.messages import translate
from robolab.outcome_text import outcome_label
from robolab.program import Program
from robolab.vocabulary import Action
from simulator import theme
from simulator.beats import SimRun, simulate
from simulator.display import open_window
from simulator.env import SimEnv
from simulator.kinematics import PhysicsConfig
from simulator.noise import NoiseModel
from simulator.panel import PanelInfo, SidePanel
from simulator.pg import pygame
from simulator.player import Drive, Player
from simulator.program_lines import program_lines
from simulator.scene import Scene, fit_cell
from simulator.widgets import Button, draw_text

DRIVE_KEYS = {
    pygame.K_UP: Action.MOVE_FORWARD,
    pygame.K_DOWN: Action.MOVE_BACKWARD,
    pygame.K_LEFT: Action.TURN_LEFT,
    pygame.K_RIGHT: Action.TURN_RIGHT,
}
PLAY_KEYS = {
    pygame.K_SPACE: "play",
    pygame.K_RIGHT: "step",
    pygame.K_PERIOD: "step",
    pygame.K_LEFT: "back",
    pygame.K_COMMA: "back",
}
COMMON_KEYS = {
    pygame.K_r: "restart",
    pygame.K_HOME: "restart",
    pygame.K_PLUS: "faster",
    pygame.K_KP_PLUS: "faster",
    pygame.K_EQUALS: "faster",
    pygame.K_MINUS: "slower",
    pygame.K_KP_MINUS: "slower",
    pygame.K_l: "language",
    pygame.K_ESCAPE: "quit",
    pygame.K_q: "quit",
}
FPS = 60


class SimApp:
    """The window. ``screen`` may be given (tests); otherwise a resizable window opens.

    Raises:
        simulator.display.DisplayUnavailable: when no window can open.
    """

    def __init__(
        self,
        challenge: Challenge,
        program: Program | None = None,
        *,
        lang: Lang = "fr",
        physics: PhysicsConfig | None = None,
        noise: NoiseModel | None = None,
        seed: int = 0,
        variant: int = 0,
        speed: float = 1.0,
        autoplay: bool = True,
        size: tuple[int, int] = (1200, 720),
        screen: Any = None,
    ) -> None:
        self.challenge = challenge
        self.program = program
        self.lang: Lang = lang
        self.physics, self.noise, self.seed, self.variant = physics, noise, seed, variant
        self.screen = screen if screen is not None else open_window(size)
        self.running = True
        self.drive: Drive | None = None
        if program is None:
            env = SimEnv.from_challenge(challenge, variant=variant, physics=physics, noise=noise)
            self.drive = Drive(env, seed=seed)
            run = self.drive.run()
        else:
            run = self._simulate()
        self.player = Player(run, speed=speed, playing=autoplay and program is not None)
        self.panel = SidePanel()
        self.buttons: list[Button] = []
        self.mouse = (-1, -1)
        self._scene: Scene | None = None
        self._lines = program_lines(program, lang) if program is not None else []

    # -- state --------------------------------------------------------------------------------

    def _simulate(self) -> SimRun:
        assert self.program is not None
        return simulate(
            self.challenge,
            self.program,
            physics=self.physics,
            noise=self.noise,
            seed=self.seed,
            lang=self.lang,
            variant=self.variant,
        )

    def command(self, name: str) -> None:
        """Runs a control by name: play, step, back, restart, faster, slower, language, quit."""
        player = self.player
        if name == "quit":
            self.running = False
        elif name == "faster":
            player.faster()
        elif name == "slower":
            player.slower()
        elif name == "language":
            self.set_language("en" if self.lang == "fr" else "fr")
        elif self.drive is not None:
            self._drive_command(name)
        elif name == "play":
            player.toggle()
        elif name == "step":
            player.step()
        elif name == "back":
            player.back()
        elif name == "restart":
            player.restart()

    def _drive_command(self, name: str) -> None:
        assert self.drive is not None
        if name == "back" and self.drive.undo():
            self.player.replace_run(self.drive.run(), follow=False)
        elif name == "restart":
            self.drive.restart()
            self.player.replace_run(self.drive.run(), follow=False)
            self.player.t = 0.0

    def press(self, action: Action) -> None:
        """Driving by hand: one action block."""
        if self.drive is not None and self.drive.press(action):
            self.player.replace_run(self.drive.run(), follow=True)

    def set_language(self, lang: Lang) -> None:
        self.lang = lang
        if self.program is not None:
            self._lines = program_lines(self.program, lang)
            t = self.player.t
            self.player.replace_run(self._simulate(), follow=False)
            self.player.t = t

    # -- events -------------------------------------------------------------------------------

    def handle(self, event: Any) -> None:
        """Reacts to one pygame event."""
        if event.type == pygame.QUIT:
            self.running = False
        elif event.type == pygame.KEYDOWN:
            self._key(event.key)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for button in self.buttons:
                if button.hit(event.pos):
                    self.command(button.name)
        elif event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
        elif event.type == pygame.MOUSEWHEEL:
            self.panel.scroll = max(0, self.panel.scroll - event.y)
        elif event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self.screen = pygame.display.get_surface() or self.screen

    def _key(self, key: int) -> None:
        if self.drive is not None and key in DRIVE_KEYS:
            self.press(DRIVE_KEYS[key])
        elif self.drive is not None and key == pygame.K_BACKSPACE:
            self.command("back")
        elif self.drive is None and key in PLAY_KEYS:
            self.command(PLAY_KEYS[key])
        elif key in COMMON_KEYS:
            self.command(COMMON_KEYS[key])

    def tick(self, dt: float) -> bool:
        """One frame: events, playback, drawing. Returns False once the window should close."""
        for event in pygame.event.get():
            self.handle(event)
        self.player.update(dt)
        if self.running:
            self.draw()
            pygame.display.flip()
        return self.running

    def run(self) -> int:
        """The main loop, until the window is closed; returns an exit code."""
        clock = pygame.time.Clock()
        while self.tick(min(clock.tick(FPS) / 1000, 0.1)):
            pass
        pygame.display.quit()
        return 0

    # -- drawing ------------------------------------------------------------------------------

    def layout(self) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
        """The map, panel and control-bar rectangles for the current window size."""
        width, height = self.screen.get_size()
        margin = max(8, min(width, height) // 60)
        bar = max(64, min(100, height // 8))
        panel_w = max(220, min(520, int(width * 0.34)))
        top = height - bar - 2 * margin
        map_rect = pygame.Rect(margin, margin, width - panel_w - 3 * margin, top)
        panel = pygame.Rect(map_rect.right + margin, margin, panel_w, top)
        return map_rect, panel, pygame.Rect(0, height - bar - margin // 2, width, bar)

    def scene(self, area: pygame.Rect) -> Scene:
        grid = self.player.run.board.grid
        cell = fit_cell(grid, max(1, area.width), max(1, area.height))
        if self._scene is None or self._scene.cell != cell:
            self._scene = Scene(grid, cell, physics=self.physics)
        return self._scene

    def draw(self) -> None:
        screen = self.screen
        screen.fill(palette.BACKGROUND)
        map_rect, panel_rect, bar_rect = self.layout()
        view = self.player.view()
        scene = self.scene(map_rect)
        w, h = scene.size
        origin = (map_rect.x + (map_rect.width - w) // 2, map_rect.y + (map_rect.height - h) // 2)
        frame = pygame.Rect(origin, scene.size).inflate(8, 8)
        pygame.draw.rect(screen, theme.PANEL_LINE, frame, border_radius=6)
        scene.draw(view, target=screen, origin=origin)
        self.panel.draw(screen, panel_rect, self.panel_info(view.highlight, view.steps, view.ticks))
        self._bar(screen, bar_rect)

    def panel_info(self, highlight: int | None, steps: int, ticks: int) -> PanelInfo:
        lang, challenge, run = self.lang, self.challenge, self.player.run
        subtitle = [challenge.id]
        if self.variant:
            subtitle.append(translate("sim.variant", lang, n=self.variant))
        if self.physics is not None:
            subtitle.append(translate("sim.physics", lang))
        finished = self.player.at_end and run.outcome is not None
        result = run.result
        message = ""
        if finished and result is not None:
            message = result.message
        elif finished and run.outcome is not None:
            message = outcome_label(run.outcome, lang)
        return PanelInfo(
            title=challenge.title_in(lang),
            subtitle=" · ".join(subtitle),
            heading=translate("sim.program" if self.program else "sim.drive", lang),
            lines=self._lines,
            highlight=highlight,
            counters=translate("sim.counters", lang, steps=steps, ticks=ticks),
            par=translate(
                "sim.par", lang, steps=challenge.par_steps or "?", blocks=challenge.par_blocks
            ),
            stars=result.stars if finished and result is not None else None,
            message=message,
            help=[translate("sim.drive_keys", lang)] if self.drive is not None else [],
        )

    def _bar(self, screen: pygame.Surface, bar: pygame.Rect) -> None:
        lang = self.lang
        size = bar.height - 12
        names: list[tuple[str, str, str]] = [("restart", "restart", "sim.restart")]
        names.append(("back", "back", "sim.back"))
        if self.drive is None:
            playing = self.player.playing
            names.append(
                ("play", "pause" if playing else "play", "sim.pause" if playing else "sim.play")
            )
            names.append(("step", "step", "sim.step"))
        names += [
            ("slower", "minus", "sim.speed"),
            ("speed", "", ""),
            ("faster", "plus", "sim.speed"),
        ]
        names.append(("language", "", "sim.language"))
        gap = max(6, size // 8)
        width = min(round(size * 1.3), (bar.width - 16 - gap * (len(names) - 1)) // len(names))
        total = len(names) * width + (len(names) - 1) * gap
        x = bar.centerx - total // 2
        self.buttons = []
        for name, icon, key in names:
            rect = pygame.Rect(x, bar.y + 6, width, size)
            x += width + gap
            if name == "speed":
                draw_text(
                    screen,
                    speed_text(self.player.speed, lang),
                    rect.center,
                    size // 2,
                    palette.TEXT,
                    anchor="center",
                )
                continue
            button = Button(name, rect, translate(key, lang) if key else "")
            button.draw(screen, icon, hot=button.hit(self.mouse))
            if name == "language":
                draw_text(
                    screen,
                    lang.upper(),
                    (rect.centerx, rect.y + rect.height * 0.38),
                    size // 3,
                    palette.TEXT,
                    anchor="center",
                )
            self.buttons.append(button)


def speed_text(speed: float, lang: Lang) -> str:
    """``×0,25`` in French, ``×0.25`` in English."""
    text = f"{speed:g}"
    return "×" + (text.replace(".", ",") if lang == "fr" else text)
