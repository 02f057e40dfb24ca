/* RoboLab robot protocol 1, the robot's side (see docs/protocol.md). A C twin of the MicroPython
 * core firmware_bridge/firmware/micropython/robocore.py: same commands, same replies. */
#ifndef ROBOLAB_ROBOT_H
#define ROBOLAB_ROBOT_H

#include <stdint.h>

void robot_init(void);          /* loads settings; the robot starts disarmed */
void robot_boot(void);          /* sends the hello line */
void robot_feed(uint8_t byte);  /* one received byte */
void robot_poll(void);          /* watchdog, motion, identify blink: call continuously */

#endif
