"""The robots' own code: C for ATmega328P boards (``avr/``) and MicroPython (``micropython/``)."""
