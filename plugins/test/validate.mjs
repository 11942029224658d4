// Checks a plugin's stdout document against the rules of the runtime's Java records
// (org.assessmentruntime.api.model.PluginOutput and what it references), so that a document that
// passes here deserialises there: no unknown fields, required texts not blank, enum tokens,
// uuids, ISO-8601 instants, string-only props, unique uuids and resolvable references.
import { createHash } from 'node:crypto';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const INSTANT = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
// java.lang.Character.isWhitespace, as String.isBlank uses it
const BLANK = /^[\t\n\u000b\f\r\u001c-\u001f \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]*$/;

/** java.util.UUID.nameUUIDFromBytes */
export function nameUuid(text) {
  const d = createHash('md5').update(Buffer.from(text, 'utf8')).digest();
  d[6] = (d[6] & 0x0f) | 0x30;
  d[8] = (d[8] & 0x3f) | 0x80;
  const h = d.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function validateOutput(doc) {
  const errors = [];
  const err = (m) => errors.push(m);
  const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const keys = (o, where, allowed) => {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) err(`${where}: unknown field '${k}'`);
  };
  const text = (o, k, where, required) => {
    const v = o[k];
    if (v === undefined || v === null) {
      if (required) err(`${where}.${k} is required`);
      return;
    }
    if (typeof v !== 'string') return err(`${where}.${k} must be a string`);
    if (required && BLANK.test(v)) err(`${where}.${k} must not be blank`);
  };
  const list = (o, k, where) => {
    const v = o[k];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      err(`${where}.${k} must be an array`);
      return [];
    }
    v.forEach((e, i) => e === null && err(`${where}.${k}[${i}] is null`));
    return v.filter((e) => e !== null);
  };
  const uuid = (v, where) => (typeof v === 'string' && UUID.test(v)) || err(`${where} is not a uuid: ${v}`);
  const uuids = (o, k, where) => list(o, k, where).map((u, i) => (uuid(u, `${where}.${k}[${i}]`), u));
  const instant = (o, k, where) => {
    if (o[k] === undefined || o[k] === null) return;
    if (typeof o[k] !== 'string' || !INSTANT.test(o[k]) || Number.isNaN(Date.parse(o[k])))
      err(`${where}.${k} is not an ISO-8601 instant: ${o[k]}`);
  };
  const strMap = (o, k, where) => {
    const v = o[k];
    if (v === undefined || v === null) return;
    if (!isObj(v)) return err(`${where}.${k} must be an object`);
    for (const [pk, pv] of Object.entries(v)) if (typeof pv !== 'string') err(`${where}.${k}.${pk} must be a string`);
  };
  const oneOf = (o, k, where, values, required) => {
    if (o[k] === undefined || o[k] === null) {
      if (required) err(`${where}.${k} is required`);
      return;
    }
    if (!values.includes(o[k])) err(`${where}.${k} '${o[k]}' is not one of ${values.join(', ')}`);
  };

  if (!isObj(doc)) return ['the output is not a JSON object'];
  keys(doc, 'PluginOutput', ['status', 'reason', 'title', 'observations', 'findings', 'risks', 'subjects', 'logs']);
  oneOf(doc, 'status', 'PluginOutput', ['PASS', 'FAIL', 'ERROR', 'NOT_APPLICABLE'], true);
  text(doc, 'reason', 'PluginOutput', doc.status === 'ERROR' || doc.status === 'NOT_APPLICABLE');
  text(doc, 'title', 'PluginOutput', false);

  const subjects = list(doc, 'subjects', 'PluginOutput');
  const subjectIds = new Set();
  subjects.forEach((s, i) => {
    const w = `PluginOutput.subjects[${i}]`;
    if (!isObj(s)) return err(`${w} must be an object`);
    keys(s, w, ['uuid', 'identifier', 'type', 'title', 'props']);
    text(s, 'identifier', w, true);
    text(s, 'type', w, true);
    text(s, 'title', w, false);
    strMap(s, 'props', w);
    let id = s.uuid;
    if (id === undefined || id === null) id = nameUuid(`subject:${s.type}:${s.identifier}`);
    else {
      uuid(id, `${w}.uuid`);
      const derived = nameUuid(`subject:${s.type}:${s.identifier}`);
      if (id !== derived) err(`${w}.uuid ${id} is not the name-based uuid ${derived} the runtime derives`);
    }
    if (subjectIds.has(id)) err(`PluginOutput.subjects has the uuid ${id} more than once`);
    subjectIds.add(id);
  });

  const observations = list(doc, 'observations', 'PluginOutput');
  const observationIds = new Set();
  observations.forEach((o, i) => {
    const w = `PluginOutput.observations[${i}]`;
    if (!isObj(o)) return err(`${w} must be an object`);
    keys(o, w, ['uuid', 'title', 'description', 'methods', 'subjects', 'evidence', 'props', 'collected']);
    uuid(o.uuid, `${w}.uuid`);
    if (observationIds.has(o.uuid)) err(`PluginOutput.observations has the uuid ${o.uuid} more than once`);
    observationIds.add(o.uuid);
    text(o, 'title', w, true);
    text(o, 'description', w, true);
    list(o, 'methods', w).forEach((m, j) =>
      ['EXAMINE', 'INTERVIEW', 'TEST', 'UNKNOWN'].includes(m) || err(`${w}.methods[${j}] '${m}' is not a method`));
    uuids(o, 'subjects', w).forEach((u) => subjectIds.has(u) || err(`${w}.subjects references ${u}, which is no subject of this result`));
    list(o, 'evidence', w).forEach((e, j) => {
      const we = `${w}.evidence[${j}]`;
      if (!isObj(e)) return err(`${we} must be an object`);
      keys(e, we, ['href', 'description']);
      text(e, 'href', we, false);
      text(e, 'description', we, true);
    });
    strMap(o, 'props', w);
    instant(o, 'collected', w);
  });

  const risks = list(doc, 'risks', 'PluginOutput');
  const riskIds = new Set();
  risks.forEach((r, i) => {
    const w = `PluginOutput.risks[${i}]`;
    if (!isObj(r)) return err(`${w} must be an object`);
    keys(r, w, ['uuid', 'title', 'description', 'statement', 'status', 'relatedObservations']);
    uuid(r.uuid, `${w}.uuid`);
    if (riskIds.has(r.uuid)) err(`PluginOutput.risks has the uuid ${r.uuid} more than once`);
    riskIds.add(r.uuid);
    text(r, 'title', w, true);
    text(r, 'description', w, true);
    text(r, 'statement', w, true);
    oneOf(r, 'status', w, ['open', 'investigating', 'remediating', 'deviation-requested', 'deviation-approved', 'closed'], false);
    uuids(r, 'relatedObservations', w).forEach((u) => observationIds.has(u) || err(`${w}.relatedObservations references ${u}, which is no observation of this result`));
  });

  const findings = list(doc, 'findings', 'PluginOutput');
  const findingIds = new Set();
  findings.forEach((f, i) => {
    const w = `PluginOutput.findings[${i}]`;
    if (!isObj(f)) return err(`${w} must be an object`);
    keys(f, w, ['uuid', 'title', 'description', 'targetId', 'state', 'relatedObservations', 'relatedRisks']);
    uuid(f.uuid, `${w}.uuid`);
    if (findingIds.has(f.uuid)) err(`PluginOutput.findings has the uuid ${f.uuid} more than once`);
    findingIds.add(f.uuid);
    text(f, 'title', w, true);
    text(f, 'description', w, true);
    text(f, 'targetId', w, false);
    oneOf(f, 'state', w, ['satisfied', 'not-satisfied'], true);
    if (doc.status === 'NOT_APPLICABLE' && f.state === 'not-satisfied') {
      err(`PluginOutput.status is NOT_APPLICABLE but ${w} is not-satisfied`);
    }
    uuids(f, 'relatedObservations', w).forEach((u) => observationIds.has(u) || err(`${w}.relatedObservations references ${u}, which is no observation of this result`));
    uuids(f, 'relatedRisks', w).forEach((u) => riskIds.has(u) || err(`${w}.relatedRisks references ${u}, which is no risk of this result`));
  });

  list(doc, 'logs', 'PluginOutput').forEach((l, i) => {
    const w = `PluginOutput.logs[${i}]`;
    if (!isObj(l)) return err(`${w} must be an object`);
    keys(l, w, ['level', 'message', 'time']);
    oneOf(l, 'level', w, ['DEBUG', 'INFO', 'WARN', 'ERROR'], false);
    if (typeof l.message !== 'string') err(`${w}.message is required`);
    instant(l, 'time', w);
  });
  return errors;
}
