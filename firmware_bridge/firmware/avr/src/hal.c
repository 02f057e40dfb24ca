/* Hardware layer for the ATmega328P: interrupt-driven UART, 1 ms clock on Timer2, motor PWM on
 * Timer0, ADC for the battery, EEPROM for settings. */
#include <avr/eeprom.h>
#include <avr/interrupt.h>
#include <avr/io.h>
#include <util/atomic.h>

#include "board.h"
#include "hal.h"

#define RX_SIZE 64 /* powers of two */
#define TX_SIZE 128

static volatile uint8_t rx_buf[RX_SIZE];
static volatile uint8_t rx_head, rx_tail;
static volatile uint8_t tx_buf[TX_SIZE];
static volatile uint8_t tx_head, tx_tail;
static volatile uint32_t millis;
static volatile uint8_t beeping;

ISR(USART_RX_vect) {
    uint8_t byte = UDR0;
    uint8_t next = (rx_head + 1) & (RX_SIZE - 1);
    if (next != rx_tail) { /* a full buffer drops the byte: the frame fails and is resent */
        rx_buf[rx_head] = byte;
        rx_head = next;
    }
}

ISR(USART_UDRE_vect) {
    if (tx_head == tx_tail) {
        UCSR0B &= ~(1 << UDRIE0);
        return;
    }
    UDR0 = tx_buf[tx_tail];
    tx_tail = (tx_tail + 1) & (TX_SIZE - 1);
}

ISR(TIMER2_COMPA_vect) {
    millis++;
    if (beeping) PORTD ^= (1 << PD4); /* 500 Hz tone on a passive buzzer */
}

void hal_init(void) {
    /* UART 115200 8N1; U2X0 first (the baud rate is computed when UBRR0L is written) */
    UCSR0A = (1 << U2X0);
    UBRR0H = 0;
    UBRR0L = (uint8_t)(F_CPU / (8 * BAUD) - 1);
    UCSR0B = (1 << RXEN0) | (1 << TXEN0) | (1 << RXCIE0);
    UCSR0C = (1 << UCSZ01) | (1 << UCSZ00);

    /* Timer2: CTC, prescaler 64, 1 kHz; control registers before OCR2A */
    TCCR2A = (1 << WGM21);
    TCCR2B = (1 << CS22);
    OCR2A = (uint8_t)(F_CPU / 64 / 1000 - 1);
    TIMSK2 = (1 << OCIE2A);

    /* Timer0: fast PWM on OC0A (D6) and OC0B (D5), ~976 Hz */
    TCCR0A = (1 << COM0A1) | (1 << COM0B1) | (1 << WGM01) | (1 << WGM00);
    TCCR0B = (1 << CS01) | (1 << CS00);
    OCR0A = 0;
    OCR0B = 0;

    /* outputs: D4 buzzer, D5 ENA, D6 ENB, D7 IN1; D8 IN2, D9 IN3, D11 IN4, D13 LED */
    DDRD |= (1 << PD4) | (1 << PD5) | (1 << PD6) | (1 << PD7);
    DDRB |= (1 << PB0) | (1 << PB1) | (1 << PB3) | (1 << PB5);
    hal_motors(0, 0);

    /* ADC: AVcc reference, prescaler 128 */
    ADMUX = (1 << REFS0);
    ADCSRA = (1 << ADEN) | (1 << ADPS2) | (1 << ADPS1) | (1 << ADPS0);
}

uint32_t hal_millis(void) {
    uint32_t now;
    ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { now = millis; }
    return now;
}

int16_t hal_getc(void) {
    if (rx_head == rx_tail) return -1;
    uint8_t byte = rx_buf[rx_tail];
    rx_tail = (rx_tail + 1) & (RX_SIZE - 1);
    return byte;
}

void hal_write(const char *data, uint8_t n) {
    while (n--) {
        uint8_t next = (tx_head + 1) & (TX_SIZE - 1);
        while (next == tx_tail) {
        } /* wait for room: the UDRE interrupt drains the buffer */
        tx_buf[tx_head] = (uint8_t)*data++;
        tx_head = next;
        UCSR0B |= (1 << UDRIE0);
    }
}

static uint8_t duty(int8_t percent) {
    int16_t p = percent < 0 ? -percent : percent;
    if (p > 100) p = 100;
    return (uint8_t)((p * 255) / 100);
}

void hal_motors(int8_t left, int8_t right) {
    /* direction pins first, all low when stopped (the L298N then lets the motors coast) */
    if (left > 0) {
        PORTD |= (1 << PD7);
        PORTB &= ~(1 << PB0);
    } else if (left < 0) {
        PORTD &= ~(1 << PD7);
        PORTB |= (1 << PB0);
    } else {
        PORTD &= ~(1 << PD7);
        PORTB &= ~(1 << PB0);
    }
    if (right > 0) {
        PORTB |= (1 << PB1);
        PORTB &= ~(1 << PB3);
    } else if (right < 0) {
        PORTB &= ~(1 << PB1);
        PORTB |= (1 << PB3);
    } else {
        PORTB &= ~((1 << PB1) | (1 << PB3));
    }
    OCR0B = duty(left);
    OCR0A = duty(right);
}

void hal_indicator(uint8_t on) {
    if (on) {
        PORTB |= (1 << PB5);
    } else {
        PORTB &= ~(1 << PB5);
        PORTD &= ~(1 << PD4);
    }
    beeping = on;
}

uint16_t hal_battery_mv(void) {
    ADMUX = (1 << REFS0); /* channel 0 */
    ADCSRA |= (1 << ADSC);
    while (ADCSRA & (1 << ADSC)) {
    }
    uint32_t mv = (uint32_t)ADC * 5000UL / 1023UL;
    return (uint16_t)(mv * BAT_DIVIDER);
}

void hal_load(void *data, uint8_t n) { eeprom_read_block(data, (const void *)0, n); }

void hal_save(const void *data, uint8_t n) { eeprom_update_block(data, (void *)0, n); }
