// The tablet's sentences, sent by the server in the page (robolab/server/texts.py).
const config = JSON.parse(document.getElementById('config').textContent);

export const lang = config.lang === 'en' ? 'en' : 'fr';
export const version = config.version;

/** The sentence `key` with `{name}` parameters filled in (the key itself if unknown). */
export function t(key, params = {}) {
  const template = config.texts[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** A block or sensor name as teens read it ("avancer", "chemin devant"...). */
export function label(name) {
  return config.texts[`label.${name}`] ?? name;
}
