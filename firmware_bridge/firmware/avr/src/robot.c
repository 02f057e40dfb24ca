/* RoboLab robot protocol 1 on an ATmega328P. Mirrors robocore.py line for line where it can:
 * frames "<seq> <VERB> <args>[*HH]", replies "<seq> ACK|DONE|ERR ...", events "EV ...".
 * The watchdog stops the motors WATCHDOG_MS after the last valid frame and disarms the robot. */
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "hal.h"
#include "robot.h"

#define PROTOCOL "1"
#define FIRMWARE "1.0.0"
#define WATCHDOG_MS 400
#define MAX_LINE 64
#define MAX_ARGS 10
#define PLAN_MAX 96
#define IDENT_MS 1000
#define SETTINGS_MAGIC 0x52 /* 'R' */

typedef struct {
    char code; /* F B L R f b */
    uint16_t block;
} step_t;

typedef struct {
    int8_t left, right;
    uint16_t ms;
} phase_t;

typedef struct {
    uint8_t magic;
    char name[17];
    int16_t cal[5]; /* cell, speed, track, trim, power */
} settings_t;

enum { CAL_CELL, CAL_SPEED, CAL_TRACK, CAL_TRIM, CAL_POWER };
static const char *const CAL_KEYS[5] = {"cell", "speed", "track", "trim", "power"};
static const int16_t CAL_MIN[5] = {20, 10, 20, -50, 10};
static const int16_t CAL_MAX[5] = {2000, 5000, 500, 50, 100};
static const int16_t CAL_DEFAULT[5] = {150, 150, 120, 0, 80};
static const char HEADINGS[] = "NESW";
static const int8_t DX[4] = {0, 1, 0, -1};
static const int8_t DY[4] = {-1, 0, 1, 0};

static settings_t settings;
static char line[MAX_LINE + 2];
static uint8_t line_len, skipping;
static char out[128];
static uint8_t out_len;

static uint32_t last_rx;
static uint8_t armed, tripped;
static uint16_t last_seq;
static char last_reply[80];
static uint8_t has_last_reply;

static int16_t pos_x, pos_y;
static uint8_t heading;

static step_t plan[PLAN_MAX];
static uint8_t plan_len, plan_count, plan_done;

static struct {
    uint8_t active, is_plan, index, count, phase, nphases, crashed;
    uint16_t seq;
    uint32_t t0;
    step_t *steps;
    phase_t phases[2];
} job;
static step_t move_step;

static uint8_t identifying;
static uint32_t ident_until;

/* -- output --------------------------------------------------------------------------------- */

static uint8_t crc8(const char *data, uint8_t n) {
    uint8_t crc = 0;
    while (n--) {
        crc ^= (uint8_t)*data++;
        for (uint8_t i = 0; i < 8; i++) crc = (crc & 0x80) ? (uint8_t)((crc << 1) ^ 0x07) : (uint8_t)(crc << 1);
    }
    return crc;
}

static void o_begin(void) { out_len = 0; }

static void o_char(char c) {
    if (out_len < sizeof(out) - 5) out[out_len++] = c;
}

static void o_str(const char *s) {
    while (*s) o_char(*s++);
}

static void o_int(int32_t v) {
    char digits[12];
    ltoa(v, digits, 10);
    o_str(digits);
}

static void o_seq(uint16_t seq, const char *kind) {
    o_begin();
    o_int(seq);
    o_char(' ');
    o_str(kind);
}

static void o_field(const char *key, int32_t value) {
    o_char(' ');
    o_str(key);
    o_char('=');
    o_int(value);
}

static void o_pose(void) {
    o_field("x", pos_x);
    o_field("y", pos_y);
    o_str(" h=");
    o_char(HEADINGS[heading]);
}

static void send_text(const char *text, uint8_t n) {
    static const char hex[] = "0123456789ABCDEF";
    uint8_t crc = crc8(text, n);
    char tail[4] = {'*', hex[crc >> 4], hex[crc & 15], '\n'};
    hal_write(text, n);
    hal_write(tail, 4);
}

static void send_out(void) { send_text(out, out_len); }

static void send_seq(uint16_t seq, const char *kind) {
    o_seq(seq, kind);
    send_out();
}

/* a final reply: remembered for repeats of its sequence number */
static void finish_reply(uint16_t seq) {
    if (seq == last_seq) {
        memcpy(last_reply, out, out_len);
        last_reply[out_len] = 0;
        has_last_reply = 1;
    }
    send_out();
}

static const char *state_name(void) {
    if (job.active) return "busy";
    if (armed) return "ready";
    return tripped ? "wd" : "off";
}

static void send_hello(void) {
    o_begin();
    o_str("HELLO robolab/" PROTOCOL " kind=" ROBOT_KIND " name=");
    o_str(settings.name);
    o_str(" fw=" FIRMWARE " caps=battery,crc,identify,name,upload");
    o_field("wd", WATCHDOG_MS);
    o_field("plan", PLAN_MAX);
    send_out();
}

/* -- settings ------------------------------------------------------------------------------- */

static uint8_t valid_name(const char *name) {
    uint8_t n = 0;
    for (; name[n]; n++) {
        char c = name[n];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
              c == '-'))
            return 0;
    }
    return n >= 1 && n <= 16;
}

static void load_settings(void) {
    hal_load(&settings, sizeof(settings));
    uint8_t ok = settings.magic == SETTINGS_MAGIC && memchr(settings.name, 0, sizeof(settings.name));
    ok = ok && valid_name(settings.name);
    for (uint8_t i = 0; ok && i < 5; i++) ok = settings.cal[i] >= CAL_MIN[i] && settings.cal[i] <= CAL_MAX[i];
    if (!ok) {
        settings.magic = SETTINGS_MAGIC;
        strcpy(settings.name, ROBOT_NAME);
        memcpy(settings.cal, CAL_DEFAULT, sizeof(CAL_DEFAULT));
    }
}

/* -- parsing -------------------------------------------------------------------------------- */

static uint8_t parse_int(const char *s, int32_t *value) {
    uint8_t neg = *s == '-', n = 0;
    int32_t v = 0;
    if (neg) s++;
    for (; *s; s++, n++) {
        if (*s < '0' || *s > '9' || n >= 6) return 0;
        v = v * 10 + (*s - '0');
    }
    if (n == 0) return 0;
    *value = neg ? -v : v;
    return 1;
}

static uint8_t parse_step(const char *token, step_t *step) {
    int32_t block = 0;
    if (!token[0] || !strchr("FBLRfb", token[0])) return 0;
    if (strlen(token + 1) > 5) return 0;
    if (token[1] && (token[1] == '-' || !parse_int(token + 1, &block) || block > 65535)) return 0;
    step->code = token[0];
    step->block = (uint16_t)block;
    return 1;
}

static int8_t hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/* -- motion --------------------------------------------------------------------------------- */

static void start_phases(char code) {
    int8_t p = (int8_t)settings.cal[CAL_POWER];
    uint32_t speed = (uint32_t)settings.cal[CAL_SPEED];
    uint16_t cell_ms = (uint16_t)((uint32_t)settings.cal[CAL_CELL] * 1000UL / speed);
    /* a quarter turn: each wheel runs a quarter of the circle whose diameter is the track */
    uint32_t turn = 785UL * (uint32_t)settings.cal[CAL_TRACK] * (uint32_t)(100 + settings.cal[CAL_TRIM]);
    uint16_t turn_ms = (uint16_t)(turn / (speed * 100UL));
    uint16_t nudge = cell_ms / 4;
    if (turn_ms < 1) turn_ms = 1;
    if (nudge < 1) nudge = 1;
    job.nphases = 1;
    switch (code) {
    case 'F': job.phases[0] = (phase_t){p, p, cell_ms}; break;
    case 'B': job.phases[0] = (phase_t){(int8_t)-p, (int8_t)-p, cell_ms}; break;
    case 'L': job.phases[0] = (phase_t){(int8_t)-p, p, turn_ms}; break;
    case 'R': job.phases[0] = (phase_t){p, (int8_t)-p, turn_ms}; break;
    case 'f':
        job.phases[0] = (phase_t){p, p, nudge};
        job.phases[1] = (phase_t){(int8_t)-p, (int8_t)-p, nudge};
        job.nphases = 2;
        break;
    default:
        job.phases[0] = (phase_t){(int8_t)-p, (int8_t)-p, nudge};
        job.phases[1] = (phase_t){p, p, nudge};
        job.nphases = 2;
    }
}

static void begin_step(uint32_t now) {
    start_phases(job.steps[job.index].code);
    job.phase = 0;
    job.crashed = 0;
    job.t0 = now;
    hal_motors(job.phases[0].left, job.phases[0].right);
}

static void finish_job(void) {
    job.active = 0;
    finish_reply(job.seq);
}

static void end_step(uint32_t now) {
    step_t *step = &job.steps[job.index];
    uint8_t crashed = job.crashed || step->code == 'f' || step->code == 'b';
    if (!crashed) {
        if (step->code == 'F' || step->code == 'B') {
            uint8_t dir = step->code == 'F' ? heading : (heading + 2) & 3;
            pos_x += DX[dir];
            pos_y += DY[dir];
        } else {
            heading = (heading + (step->code == 'L' ? 3 : 1)) & 3;
        }
    }
    const char *motion = crashed ? "crash" : "ok";
    job.index++;
    if (!job.is_plan) {
        o_seq(job.seq, "DONE m=");
        o_str(motion);
        o_pose();
        finish_job();
        return;
    }
    plan_done = job.index;
    o_begin();
    o_str("EV STEP");
    o_field("i", job.index - 1);
    o_field("b", step->block);
    o_str(" m=");
    o_str(motion);
    o_pose();
    send_out();
    if (crashed || job.index >= job.count) {
        o_seq(job.seq, "DONE");
        o_field("n", job.index);
        o_str(" m=");
        o_str(motion);
        o_pose();
        finish_job();
    } else {
        begin_step(now);
    }
}

static void advance(uint32_t now) {
    phase_t *ph = &job.phases[job.phase];
    if (now - job.t0 < ph->ms) return;
    job.phase++;
    if (job.phase < job.nphases) {
        job.t0 = now;
        hal_motors(job.phases[job.phase].left, job.phases[job.phase].right);
        return;
    }
    hal_motors(0, 0);
    end_step(now);
}

static void abort_job(void) {
    hal_motors(0, 0);
    if (!job.active) return;
    o_seq(job.seq, "ERR stopped");
    if (job.is_plan) o_field("n", job.index);
    finish_job();
}

/* returns 1 with a final reply in out, 0 when the job started (ACK sent) */
static uint8_t start_job(uint16_t seq, step_t *steps, uint8_t count, uint8_t is_plan) {
    if (!armed) {
        o_seq(seq, "ERR disarmed");
        return 1;
    }
    if (job.active) {
        o_seq(seq, "ERR busy");
        return 1;
    }
    job.active = 1;
    job.seq = seq;
    job.steps = steps;
    job.count = count;
    job.is_plan = is_plan;
    job.index = 0;
    send_seq(seq, "ACK");
    begin_step(hal_millis());
    return 0;
}

/* -- commands ------------------------------------------------------------------------------- */

typedef uint8_t (*handler_t)(uint16_t seq, uint8_t argc, char **argv);

static uint8_t do_hello(uint16_t seq, uint8_t argc, char **argv) {
    (void)argc, (void)argv;
    abort_job();
    armed = tripped = 0;
    last_seq = 0;
    has_last_reply = 0;
    send_hello();
    o_seq(seq, "DONE");
    return 1;
}

static uint8_t do_hb(uint16_t seq, uint8_t argc, char **argv) {
    (void)argc, (void)argv;
    o_seq(seq, "DONE st=");
    o_str(state_name());
    return 1;
}

static uint8_t do_arm(uint16_t seq, uint8_t argc, char **argv) {
    (void)argv;
    if (argc) {
        o_seq(seq, "ERR args");
        return 1;
    }
    armed = 1;
    tripped = 0;
    o_seq(seq, "DONE");
    return 1;
}

static uint8_t do_stop(uint16_t seq, uint8_t argc, char **argv) {
    (void)argc, (void)argv;
    abort_job();
    armed = 0;
    o_seq(seq, "DONE");
    return 1;
}

static uint8_t do_move(uint16_t seq, uint8_t argc, char **argv) {
    if (argc != 1 || !parse_step(argv[0], &move_step)) {
        o_seq(seq, "ERR args");
        return 1;
    }
    return start_job(seq, &move_step, 1, 0);
}

static uint8_t do_sense(uint16_t seq, uint8_t argc, char **argv) {
    static const char *const sensors[] = {"ahead", "left", "right", "goal", "gem", "color"};
    for (uint8_t i = 0; argc == 1 && i < 6; i++) {
        if (!strcmp(argv[0], sensors[i])) {
            o_seq(seq, "ERR unsupported"); /* this robot has no sensors: the host answers */
            return 1;
        }
    }
    o_seq(seq, "ERR args");
    return 1;
}

static uint8_t do_pose(uint16_t seq, uint8_t argc, char **argv) {
    if (argc) {
        int32_t x, y;
        const char *h = argc == 3 ? strchr(HEADINGS, argv[2][0]) : 0;
        if (argc != 3 || !parse_int(argv[0], &x) || !parse_int(argv[1], &y) || !h || argv[2][1] ||
            !argv[2][0] || x < -999 || x > 999 || y < -999 || y > 999) {
            o_seq(seq, "ERR args");
            return 1;
        }
        if (job.active) {
            o_seq(seq, "ERR busy");
            return 1;
        }
        pos_x = (int16_t)x;
        pos_y = (int16_t)y;
        heading = (uint8_t)(h - HEADINGS);
    }
    o_seq(seq, "DONE");
    o_pose();
    return 1;
}

static uint8_t do_status(uint16_t seq, uint8_t argc, char **argv) {
    (void)argc, (void)argv;
    o_seq(seq, "DONE st=");
    o_str(state_name());
    o_field("n", plan_done);
    o_field("p", plan_len);
    o_pose();
    return 1;
}

static void save_settings(void) { hal_save(&settings, sizeof(settings)); }

static uint8_t do_cal(uint16_t seq, uint8_t argc, char **argv) {
    int16_t values[5];
    memcpy(values, settings.cal, sizeof(values));
    for (uint8_t a = 0; a < argc; a++) {
        char *eq = strchr(argv[a], '=');
        int32_t v;
        uint8_t k = 5;
        if (eq) {
            *eq = 0;
            for (k = 0; k < 5 && strcmp(argv[a], CAL_KEYS[k]); k++) {
            }
        }
        if (k == 5 || !parse_int(eq + 1, &v)) {
            o_seq(seq, "ERR args key=");
            o_str(eq && argv[a][0] ? argv[a] : "?");
            return 1;
        }
        if (v < CAL_MIN[k] || v > CAL_MAX[k]) {
            o_seq(seq, "ERR range key=");
            o_str(CAL_KEYS[k]);
            o_field("min", CAL_MIN[k]);
            o_field("max", CAL_MAX[k]);
            return 1;
        }
        values[k] = (int16_t)v;
    }
    if (argc) {
        if (job.active) {
            o_seq(seq, "ERR busy");
            return 1;
        }
        memcpy(settings.cal, values, sizeof(values));
        save_settings();
    }
    o_seq(seq, "DONE");
    for (uint8_t k = 0; k < 5; k++) o_field(CAL_KEYS[k], settings.cal[k]);
    return 1;
}

static uint8_t do_bat(uint16_t seq, uint8_t argc, char **argv) {
    (void)argc, (void)argv;
    uint16_t mv = hal_battery_mv();
    int32_t pct = ((int32_t)mv - BAT_EMPTY_MV) * 100 / (BAT_FULL_MV - BAT_EMPTY_MV);
    if (pct < 0) pct = 0;
    if (pct > 100) pct = 100;
    o_seq(seq, "DONE");
    o_field("mv", mv);
    o_field("pct", pct);
    return 1;
}

static uint8_t do_ident(uint16_t seq, uint8_t argc, char **argv) {
    (void)argc, (void)argv;
    identifying = 1;
    ident_until = hal_millis() + IDENT_MS;
    hal_indicator(1);
    o_seq(seq, "DONE");
    return 1;
}

static uint8_t do_name(uint16_t seq, uint8_t argc, char **argv) {
    if (argc) {
        if (argc != 1 || !valid_name(argv[0])) {
            o_seq(seq, "ERR args");
            return 1;
        }
        strcpy(settings.name, argv[0]);
        save_settings();
    }
    o_seq(seq, "DONE name=");
    o_str(settings.name);
    return 1;
}

static uint8_t do_plan(uint16_t seq, uint8_t argc, char **argv) {
    int32_t total;
    if (argc != 1 || argv[0][0] == '-' || !parse_int(argv[0], &total)) {
        o_seq(seq, "ERR args");
        return 1;
    }
    if (job.active) {
        o_seq(seq, "ERR busy");
        return 1;
    }
    if (total < 1 || total > PLAN_MAX) {
        o_seq(seq, "ERR full");
        o_field("max", PLAN_MAX);
        return 1;
    }
    plan_len = (uint8_t)total;
    plan_count = plan_done = 0;
    o_seq(seq, "DONE");
    return 1;
}

static uint8_t do_add(uint16_t seq, uint8_t argc, char **argv) {
    int32_t start;
    step_t steps[MAX_ARGS];
    if (argc < 2 || argv[0][0] == '-' || !parse_int(argv[0], &start)) {
        o_seq(seq, "ERR args");
        return 1;
    }
    for (uint8_t i = 1; i < argc; i++) {
        if (!parse_step(argv[i], &steps[i - 1])) {
            o_seq(seq, "ERR args");
            return 1;
        }
    }
    if (plan_len == 0 || start > plan_count) {
        o_seq(seq, "ERR noplan");
        return 1;
    }
    if (start + argc - 1 > plan_len) {
        o_seq(seq, "ERR full");
        o_field("max", plan_len);
        return 1;
    }
    memcpy(&plan[start], steps, (argc - 1) * sizeof(step_t));
    if (start + argc - 1 > plan_count) plan_count = (uint8_t)(start + argc - 1);
    o_seq(seq, "DONE");
    o_field("n", plan_count);
    return 1;
}

static uint8_t do_run(uint16_t seq, uint8_t argc, char **argv) {
    (void)argc, (void)argv;
    if (plan_len == 0 || plan_count != plan_len) {
        o_seq(seq, "ERR noplan");
        return 1;
    }
    plan_done = 0;
    return start_job(seq, plan, plan_len, 1);
}

enum { QUERY, SETTER, REMEMBERED };

static const struct {
    const char *verb;
    handler_t fn;
    uint8_t kind;
} COMMANDS[] = {
    {"HELLO", do_hello, QUERY}, {"HB", do_hb, QUERY},          {"ARM", do_arm, REMEMBERED},
    {"STOP", do_stop, QUERY},   {"MOVE", do_move, REMEMBERED}, {"SENSE", do_sense, QUERY},
    {"POSE", do_pose, SETTER},  {"STATUS", do_status, QUERY},  {"CAL", do_cal, SETTER},
    {"BAT", do_bat, QUERY},     {"IDENT", do_ident, REMEMBERED}, {"NAME", do_name, SETTER},
    {"PLAN", do_plan, REMEMBERED}, {"ADD", do_add, REMEMBERED}, {"RUN", do_run, REMEMBERED},
};

static void frame(uint16_t seq, const char *verb, uint8_t argc, char **argv) {
    uint8_t i;
    for (i = 0; i < sizeof(COMMANDS) / sizeof(COMMANDS[0]); i++)
        if (!strcmp(verb, COMMANDS[i].verb)) break;
    if (i == sizeof(COMMANDS) / sizeof(COMMANDS[0])) {
        send_seq(seq, "ERR unknown");
        return;
    }
    uint8_t remembered = COMMANDS[i].kind == REMEMBERED || (COMMANDS[i].kind == SETTER && argc);
    if (remembered) {
        if (seq == last_seq) { /* a repeat: answer again, never act twice */
            if (has_last_reply) {
                send_text(last_reply, (uint8_t)strlen(last_reply));
            } else {
                send_seq(seq, "ACK");
            }
            return;
        }
        last_seq = seq;
        has_last_reply = 0;
    }
    if (COMMANDS[i].fn(seq, argc, argv)) {
        if (remembered) {
            finish_reply(seq);
        } else {
            send_out();
        }
    }
}

static void handle_line(void) {
    uint8_t n = line_len;
    if (n && line[n - 1] == '\r') n--;
    line[n] = 0;
    for (uint8_t i = 0; i < n; i++)
        if (line[i] < 32 || line[i] > 126) return;
    char *star = strrchr(line, '*');
    if (star) {
        int8_t hi = hexval(star[1]), lo = hi >= 0 ? hexval(star[2]) : -1;
        if (lo < 0 || star[3] || (uint8_t)((hi << 4) | lo) != crc8(line, (uint8_t)(star - line))) return;
        *star = 0;
    }
    char *argv[MAX_ARGS + 2];
    uint8_t argc = 0;
    for (char *tok = strtok(line, " "); tok && argc < MAX_ARGS + 2; tok = strtok(0, " ")) argv[argc++] = tok;
    int32_t seq;
    if (argc < 2 || strlen(argv[0]) > 3 || argv[0][0] == '-' || !parse_int(argv[0], &seq) || seq < 1) return;
    last_rx = hal_millis(); /* a valid frame: it feeds the watchdog */
    frame((uint16_t)seq, argv[1], argc - 2, argv + 2);
}

/* -- public --------------------------------------------------------------------------------- */

void robot_init(void) {
    load_settings();
    last_rx = hal_millis();
}

void robot_boot(void) { send_hello(); }

void robot_feed(uint8_t byte) {
    if (byte == '\n') {
        if (!skipping) handle_line();
        line_len = 0;
        skipping = 0;
    } else if (!skipping) {
        if (line_len >= MAX_LINE + 1) {
            skipping = 1; /* too long: dropped whole */
        } else {
            line[line_len++] = (char)byte;
        }
    }
}

void robot_poll(void) {
    uint32_t now = hal_millis();
    if (armed && now - last_rx > WATCHDOG_MS) {
        abort_job();
        armed = 0;
        tripped = 1;
        o_begin();
        o_str("EV WD");
        send_out();
    }
    if (job.active) advance(now);
    if (identifying) {
        int32_t left = (int32_t)(ident_until - now);
        if (left <= 0) {
            identifying = 0;
            hal_indicator(0);
        } else {
            hal_indicator((left / 100) % 2 == 0);
        }
    }
}
