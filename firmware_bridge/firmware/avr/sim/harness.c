/* Runs the RoboLab AVR firmware inside simavr with its UART on a pseudo-terminal.
 *
 *   harness FIRMWARE.elf [--battery-mv MV] [--boot-ms MS] [--no-reset] [--max-seconds S]
 *
 * stdout, one line each:
 *   /dev/pts/N                     first line: the device to open (115200 8N1, like a USB robot)
 *   OPEN <ns> / CLOSE <ns>         the host opened / closed the device
 *   MOTORS <left> <right> <ns> <us>  motor direction pins changed (-1, 0, 1 per wheel)
 *   LED <0|1> <ns> <us>            the identify light changed
 * <ns> is CLOCK_MONOTONIC (Python's time.monotonic_ns), <us> simulated microseconds since boot.
 *
 * The CPU is held until the host opens the device (pyserial flushes its input while opening, and
 * an Arduino reboots when its port opens: each new open resets the AVR unless --no-reset).
 * Simulated time is paced to wall time, so the firmware's 400 ms watchdog means 400 ms here.
 * Received bytes are fed one per byte time, as a real UART would. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <avr_adc.h>
#include <avr_ioport.h>
#include <avr_uart.h>
#include <sim_avr.h>
#include <sim_elf.h>
#include <sim_time.h>

#define BYTE_US 87 /* 10 bits at 115200 Bd */
#define FIFO 4096

static avr_t *avr;
static int master = -1;
static volatile sig_atomic_t running = 1;
static uint8_t fifo[FIFO];
static unsigned fifo_head, fifo_tail;
static int uart_ready = 1;
static avr_irq_t *uart_in;
static uint64_t wall_start_ns, sim_start_cycle;
static int pins[4];        /* IN1 IN2 IN3 IN4 */
static int led, shown_led = -1;
static int shown_left = 99, shown_right = 99;
static int connected, reopened;
static int reset_on_open = 1;

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t sim_us(void) {
    return (avr->cycle - sim_start_cycle) * 1000000ull / avr->frequency;
}

static void on_signal(int sig) {
    (void)sig;
    running = 0;
}

static void uart_out(struct avr_irq_t *irq, uint32_t value, void *param) {
    (void)irq, (void)param;
    uint8_t byte = (uint8_t)value;
    if (connected && write(master, &byte, 1) < 0) { /* a full pty drops bytes, like an overrun */
    }
}

static void uart_xon(struct avr_irq_t *irq, uint32_t value, void *param) {
    (void)irq, (void)value, (void)param;
    uart_ready = 1;
}

static void uart_xoff(struct avr_irq_t *irq, uint32_t value, void *param) {
    (void)irq, (void)value, (void)param;
    uart_ready = 0;
}

static void pin_changed(struct avr_irq_t *irq, uint32_t value, void *param) {
    (void)irq;
    int index = (int)(intptr_t)param;
    if (index < 4) pins[index] = value ? 1 : 0;
    else led = value ? 1 : 0;
}

static void show_pins(void) {
    int left = pins[0] && !pins[1] ? 1 : (!pins[0] && pins[1] ? -1 : 0);
    int right = pins[2] && !pins[3] ? 1 : (!pins[2] && pins[3] ? -1 : 0);
    if (left != shown_left || right != shown_right) {
        shown_left = left;
        shown_right = right;
        printf("MOTORS %d %d %llu %llu\n", left, right, (unsigned long long)now_ns(),
               (unsigned long long)sim_us());
    }
    if (led != shown_led) {
        shown_led = led;
        printf("LED %d %llu %llu\n", led, (unsigned long long)now_ns(), (unsigned long long)sim_us());
    }
}

/* one byte per byte time into the UART, when its input fifo has room */
static avr_cycle_count_t feed(avr_t *a, avr_cycle_count_t when, void *param) {
    (void)a, (void)param;
    if (uart_ready && fifo_head != fifo_tail) {
        avr_raise_irq(uart_in, fifo[fifo_tail]);
        fifo_tail = (fifo_tail + 1) % FIFO;
    }
    return when + avr_usec_to_cycles(avr, BYTE_US);
}

/* every simulated millisecond: read the pty, watch for a close, report pins, pace to wall time */
static avr_cycle_count_t tick(avr_t *a, avr_cycle_count_t when, void *param) {
    (void)a, (void)param;
    struct pollfd pfd = {master, POLLIN, 0};
    poll(&pfd, 1, 0);
    if (!connected) {
        if (!(pfd.revents & POLLHUP)) { /* opened again: the firmware keeps running until then */
            connected = reopened = 1;
            printf("OPEN %llu\n", (unsigned long long)now_ns());
        }
    } else if (pfd.revents & POLLHUP) {
        connected = 0;
        printf("CLOSE %llu\n", (unsigned long long)now_ns());
        fifo_head = fifo_tail = 0;
    } else if (pfd.revents & POLLIN) {
        {
            uint8_t buf[256];
            ssize_t n = read(master, buf, sizeof buf);
            for (ssize_t i = 0; i < n; i++) {
                unsigned next = (fifo_head + 1) % FIFO;
                if (next == fifo_tail) break;
                fifo[fifo_head] = buf[i];
                fifo_head = next;
            }
        }
    }
    show_pins();
    uint64_t sim_ns = (avr->cycle - sim_start_cycle) * 1000000000ull / avr->frequency;
    uint64_t wall = now_ns() - wall_start_ns;
    if (sim_ns > wall) {
        struct timespec ts = {(time_t)((sim_ns - wall) / 1000000000ull), (long)((sim_ns - wall) % 1000000000ull)};
        nanosleep(&ts, NULL);
    }
    return when + avr_usec_to_cycles(avr, 1000);
}


static int open_pty(void) {
    int fd = posix_openpt(O_RDWR | O_NOCTTY);
    if (fd < 0 || grantpt(fd) || unlockpt(fd)) return -1;
    const char *name = ptsname(fd);
    int slave = open(name, O_RDWR | O_NOCTTY);
    if (slave < 0) return -1;
    struct termios tio;
    tcgetattr(slave, &tio);
    cfmakeraw(&tio);
    tcsetattr(slave, TCSANOW, &tio);
    close(slave);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    printf("%s\n", name);
    return fd;
}

static void wait_for_open(void) {
    for (;;) {
        struct pollfd pfd = {master, POLLIN, 0};
        if (!running) return;
        poll(&pfd, 1, 0);
        if (!(pfd.revents & POLLHUP)) break;
        usleep(2000);
    }
    connected = 1;
    printf("OPEN %llu\n", (unsigned long long)now_ns());
}

static avr_irq_t *port_pin(char port, int pin) {
    return avr_io_getirq(avr, AVR_IOCTL_IOPORT_GETIRQ(port), pin);
}

int main(int argc, char **argv) {
    const char *elf = NULL;
    int battery_mv = 7400, boot_ms = 20, max_seconds = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--battery-mv") && i + 1 < argc) battery_mv = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--boot-ms") && i + 1 < argc) boot_ms = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--max-seconds") && i + 1 < argc) max_seconds = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--no-reset")) reset_on_open = 0;
        else elf = argv[i];
    }
    if (!elf) {
        fprintf(stderr, "usage: %s FIRMWARE.elf [--battery-mv MV] [--boot-ms MS] [--no-reset]\n", argv[0]);
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    signal(SIGPIPE, SIG_IGN);

    elf_firmware_t fw;
    memset(&fw, 0, sizeof fw);
    int saved_stdout = dup(1); /* simavr chats on stdout while loading: keep ours clean */
    dup2(2, 1);
    int failed = elf_read_firmware(elf, &fw);
    fflush(stdout);
    dup2(saved_stdout, 1);
    close(saved_stdout);
    if (failed || !fw.mmcu[0]) {
        fprintf(stderr, "harness: cannot read %s (built with -DSIMAVR?)\n", elf);
        return 1;
    }
    avr = avr_make_mcu_by_name(fw.mmcu);
    if (!avr) {
        fprintf(stderr, "harness: unknown MCU %s\n", fw.mmcu);
        return 1;
    }
    saved_stdout = dup(1);
    dup2(2, 1);
    avr_init(avr);
    avr_load_firmware(avr, &fw);
    fflush(stdout);
    dup2(saved_stdout, 1);
    close(saved_stdout);
    avr->log = 0;

    uint32_t flags = 0;
    avr_ioctl(avr, AVR_IOCTL_UART_GET_FLAGS('0'), &flags);
    flags &= ~(AVR_UART_FLAG_STDIO | AVR_UART_FLAG_POLL_SLEEP);
    avr_ioctl(avr, AVR_IOCTL_UART_SET_FLAGS('0'), &flags);
    uart_in = avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_INPUT);
    avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUTPUT), uart_out, NULL);
    avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUT_XON), uart_xon, NULL);
    avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUT_XOFF), uart_xoff, NULL);

    avr_irq_register_notify(port_pin('D', 7), pin_changed, (void *)0); /* IN1 */
    avr_irq_register_notify(port_pin('B', 0), pin_changed, (void *)1); /* IN2 */
    avr_irq_register_notify(port_pin('B', 1), pin_changed, (void *)2); /* IN3 */
    avr_irq_register_notify(port_pin('B', 3), pin_changed, (void *)3); /* IN4 */
    avr_irq_register_notify(port_pin('B', 5), pin_changed, (void *)4); /* LED */
    avr_raise_irq(avr_io_getirq(avr, AVR_IOCTL_ADC_GETIRQ, ADC_IRQ_ADC0), (uint32_t)(battery_mv / 3));

    master = open_pty();
    if (master < 0) {
        fprintf(stderr, "harness: cannot open a pseudo-terminal: %s\n", strerror(errno));
        return 1;
    }
    wait_for_open();
    usleep((useconds_t)boot_ms * 1000); /* a bootloader's pause, after pyserial's input flush */

    sim_start_cycle = avr->cycle;
    wall_start_ns = now_ns();
    avr_cycle_timer_register_usec(avr, BYTE_US, feed, NULL);
    avr_cycle_timer_register_usec(avr, 1000, tick, NULL);
    while (running) {
        if (reopened) { /* an Arduino reboots when its port opens (DTR) */
            reopened = 0;
            if (reset_on_open) {
                avr_reset(avr);
                avr_raise_irq(avr_io_getirq(avr, AVR_IOCTL_ADC_GETIRQ, ADC_IRQ_ADC0), (uint32_t)(battery_mv / 3));
                usleep((useconds_t)boot_ms * 1000);
                sim_start_cycle = avr->cycle;
                wall_start_ns = now_ns();
                avr_cycle_timer_cancel(avr, feed, NULL);
                avr_cycle_timer_cancel(avr, tick, NULL);
                avr_cycle_timer_register_usec(avr, BYTE_US, feed, NULL);
                avr_cycle_timer_register_usec(avr, 1000, tick, NULL);
            }
        }
        int state = avr_run(avr);
        if (state == cpu_Done || state == cpu_Crashed) {
            fprintf(stderr, "harness: the firmware stopped (state %d)\n", state);
            break;
        }
        if (max_seconds && (now_ns() - wall_start_ns) / 1000000000ull > (uint64_t)max_seconds) break;
    }
    avr_terminate(avr);
    return 0;
}
