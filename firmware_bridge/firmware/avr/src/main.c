/* RoboLab reference firmware for ATmega328P robots (Arduino Uno/Nano on an L298N).
 * Build with `make`, flash with `make flash PORT=/dev/ttyUSB0`; see ../README.md. */
#include <avr/interrupt.h>

#include "board.h"
#include "hal.h"
#include "robot.h"

#ifdef SIMAVR
/* Tells simavr which chip and clock this is, and the voltages for the ADC. This section is not
 * loaded on a real board (the Makefile strips it from the .hex). */
#include <avr/avr_mcu_section.h> /* from simavr: -I/usr/include/simavr */
AVR_MCU(F_CPU, "atmega328p");
AVR_MCU_VOLTAGES(5000, 5000, 5000);
#endif

int main(void) {
    hal_init();
    sei();
    robot_init();
    robot_boot();
    for (;;) {
        int16_t byte;
        while ((byte = hal_getc()) >= 0) robot_feed((uint8_t)byte);
        robot_poll();
    }
}
