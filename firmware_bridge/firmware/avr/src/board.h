/* Pin map of the reference robot: an Arduino Uno/Nano (ATmega328P, 16 MHz) on an L298N motor
 * driver, wired like the common "smart robot car" kits (Elegoo V3 and clones).
 *
 *   D5  ENA  left motor speed (PWM, OC0B)      D7  IN1  left forward
 *   D6  ENB  right motor speed (PWM, OC0A)     D8  IN2  left backward
 *   D13 LED  identify light (on-board LED)     D9  IN3  right forward
 *   D4  BUZ  identify beeper (optional)        D11 IN4  right backward
 *   A0  BAT  battery through a 20k/10k divider (reads a third of the battery voltage)
 *
 * If a wheel turns the wrong way, swap its two motor wires on the L298N.
 */
#ifndef ROBOLAB_BOARD_H
#define ROBOLAB_BOARD_H

#ifndef F_CPU
#define F_CPU 16000000UL
#endif

#define BAUD 115200UL

#define ROBOT_KIND "uno"
#define ROBOT_NAME "RoboLab-Uno"

/* battery: 2 Li-ion cells; mV at the battery = ADC mV * BAT_DIVIDER */
#define BAT_DIVIDER 3
#define BAT_EMPTY_MV 6400
#define BAT_FULL_MV 8400

#endif
