/* The hardware the protocol core uses: serial port, millisecond clock, motors, light, battery,
 * settings storage. hal.c implements it for the ATmega328P; port it for another board. */
#ifndef ROBOLAB_HAL_H
#define ROBOLAB_HAL_H

#include <stdint.h>

void hal_init(void);
uint32_t hal_millis(void);
int16_t hal_getc(void);                      /* next received byte, or -1 */
void hal_write(const char *data, uint8_t n); /* queues bytes for sending */
void hal_motors(int8_t left, int8_t right);  /* -100..100 percent; 0, 0 stops */
void hal_indicator(uint8_t on);              /* identify light and beeper */
uint16_t hal_battery_mv(void);
void hal_load(void *data, uint8_t n);        /* settings from EEPROM */
void hal_save(const void *data, uint8_t n);  /* settings to EEPROM (only changed bytes) */

#endif
