// Reconnection delays for the WebSockets: exponential back-off with jitter, capped, so that 200
// tablets coming back after a server restart do not all knock at the same instant.

/** Milliseconds to wait before reconnection attempt number `attempt` (1, 2, ...). */
export function retryDelay(attempt, { base = 500, max = 8000 } = {}) {
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
