// web.test.mjs — the web UI over HTTP: the registry (list, search,
// filters, keyset pagination), the person page with the household, the
// create and edit forms with their validation (422, messages next to the
// fields, nothing written), the programme page and its two forms, the
// language, and HTML escaping.  Runs on SQLite and on PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request } from './server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

function get(path, headers = {}) {
  return request(srv.base, 'GET', path, { headers });
}

function post(path, fields, headers = {}) {
  const body = new URLSearchParams(fields).toString();
  return request(srv.base, 'POST', path, { raw: body, headers: { ...FORM, ...headers } });
}

// The check character of the first 15 characters of a codice fiscale.
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
function cf(first15) {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15[i];
    const v = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 65;
    sum += i % 2 === 0 ? ODD[v] : v;
  }
  return first15 + String.fromCharCode(65 + (sum % 26));
}

// The id of the person a 303 after a save points to.
function savedId(r) {
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  const m = /^\/people\/(\d+)$/.exec(r.headers.get('location'));
  assert.ok(m, `unexpected Location ${r.headers.get('location')}`);
  return Number(m[1]);
}

// The text of the error shown under field `name`, or null.
function fieldError(html, name) {
  const m = new RegExp(`<div class="invalid-feedback d-block" id="e-${name}">([^<]*)</div>`).exec(html);
  return m ? m[1] : null;
}

// The links to people on a list page, in order.
function listedIds(html) {
  return [...html.matchAll(/<tr><td><a href="\/people\/(\d+)">/g)].map((m) => Number(m[1]));
}

function nextLink(html) {
  const m = /<a class="page-link" rel="next" href="([^"]+)">/.exec(html);
  return m ? m[1].replaceAll('&amp;', '&') : null;
}

const MARIO = {
  person_ref: 'P-0001',
  household_ref: 'H-0001',
  relationship: 'reference',
  codice_fiscale: 'RSSMRA85T10A562S',
  first_name: 'Mario',
  last_name: 'Rossi',
  gender: 'M',
  birth_date: '1985-12-10',
  birth_country: 'IT',
  citizenship: 'IT',
  municipality: 'Pisa',
  minimum_income: 'yes',
};

const ids = {};

test('the registry starts empty and says so', async () => {
  const r = await get('/people');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/html/);
  assert.match(r.body, /<html lang="it">/);
  assert.match(r.body, /id="empty"/);
  assert.match(r.body, /L&#39;anagrafe è vuota/);
  assert.match(r.body, /href="\/people\/new"/);
  // The current navigation item and language are marked as markup, not as escaped text.
  assert.match(r.body, /href="\/people" aria-current="page"/);
  assert.match(r.body, /aria-current="true">ITA</);
  assert.doesNotMatch(r.body, /&quot;page&quot;/);
});

test('the new-person form has every field, Italian labels and country names', async () => {
  const r = await get('/people/new');
  assert.equal(r.status, 200);
  for (const f of Object.keys(MARIO)) assert.match(r.body, new RegExp(`name="${f}"`), f);
  assert.match(r.body, /<label class="active" for="f-last_name">Cognome \*<\/label>/);
  assert.match(r.body, /<option value="DE">Germania<\/option>/);
  assert.match(r.body, /<option value="reference" selected>Persona di riferimento<\/option>/);
});

test('an invalid codice fiscale is refused next to its field and nothing is written', async () => {
  const r = await post('/people', { ...MARIO, codice_fiscale: 'RSSMRA85T10A562X' });
  assert.equal(r.status, 422);
  assert.equal(fieldError(r.body, 'codice_fiscale'), 'il carattere di controllo è errato');
  assert.match(r.body, /id="f-codice_fiscale" name="codice_fiscale" value="RSSMRA85T10A562X"/);
  assert.match(r.body, /value="Mario"/); // the other values are kept
  assert.match(r.body, /<option value="IT" selected>Italia<\/option>/);
  assert.match(r.body, /Un campo va corretto\./);
  assert.match(r.body, /<a href="#f-codice_fiscale">Codice fiscale<\/a>/);
  const list = await get('/people');
  assert.match(list.body, /id="empty"/);
});

test('missing required fields are each reported, nothing is written', async () => {
  const r = await post('/people', { codice_fiscale: '', first_name: '  ', minimum_income: 'maybe' });
  assert.equal(r.status, 422);
  for (const f of ['person_ref', 'household_ref', 'first_name', 'last_name']) {
    assert.equal(fieldError(r.body, f), 'campo obbligatorio', f);
  }
  assert.ok(fieldError(r.body, 'minimum_income'), 'minimum_income');
  assert.match(r.body, /Alcuni campi vanno corretti\./);
  assert.match(r.body, /aria-invalid="true" aria-describedby="e-last_name"/);
  assert.match((await get('/people')).body, /id="empty"/);
});

test('a person created through the form is shown on their page', async () => {
  ids.mario = savedId(await post('/people', MARIO));
  const r = await get(`/people/${ids.mario}`);
  assert.equal(r.status, 200);
  assert.match(r.body, /<h1 class="h2 mb-0">Rossi Mario<\/h1>/);
  for (const s of ['RSSMRA85T10A562S', '10/12/1985', 'Italia (IT)', 'Pisa', 'Lo percepisce',
    'P-0001', 'H-0001', 'Persona di riferimento', 'Maschio']) {
    assert.ok(r.body.includes(s), s);
  }
  const list = await get('/people');
  assert.deepEqual(listedIds(list.body), [ids.mario]);
});

test('a new person cannot take the reference of another one', async () => {
  const r = await post('/people', { ...MARIO, codice_fiscale: '', first_name: 'Impostore' });
  assert.equal(r.status, 422);
  assert.equal(fieldError(r.body, 'person_ref'), 'questo codice appartiene a un&#39;altra persona');
  const page = await get(`/people/${ids.mario}`);
  assert.match(page.body, /Rossi Mario/);
  assert.equal(page.body.includes('Impostore'), false);
});

test('a codice fiscale already in the registry is refused', async () => {
  const r = await post('/people', { ...MARIO, person_ref: 'P-other', first_name: 'Altro' });
  assert.equal(r.status, 422);
  assert.equal(fieldError(r.body, 'codice_fiscale'), 'questo codice fiscale appartiene a un&#39;altra persona');
  assert.deepEqual(listedIds((await get('/people')).body), [ids.mario]);
});

test('unknown people answer 404 pages', async () => {
  for (const path of ['/people/999999', '/people/999999/edit']) {
    const r = await get(path);
    assert.equal(r.status, 404, path);
    assert.match(r.headers.get('content-type'), /text\/html/);
    assert.match(r.body, /Questa persona non è in anagrafe\./);
  }
  const r = await post('/people/999999', { ...MARIO, person_ref: 'P-none' });
  assert.equal(r.status, 404);
  assert.equal((await get('/people?q=none')).body.includes('P-none'), false);
});

test('the edit form shows the values and saves changes', async () => {
  const form = await get(`/people/${ids.mario}/edit`);
  assert.equal(form.status, 200);
  assert.match(form.body, new RegExp(`action="/people/${ids.mario}"`));
  assert.match(form.body, /name="first_name" value="Mario"/);
  assert.match(form.body, /<option value="yes" selected>/);
  const r = await post(`/people/${ids.mario}`, { ...MARIO, municipality: 'Cascina', minimum_income: 'no' });
  assert.equal(savedId(r), ids.mario);
  const page = await get(`/people/${ids.mario}`);
  assert.match(page.body, /Cascina/);
  assert.match(page.body, /Non lo percepisce/);
});

test('an invalid edit is refused and leaves the person as it was', async () => {
  const r = await post(`/people/${ids.mario}`, { ...MARIO, birth_date: '1985-02-30', last_name: 'Bianchi' });
  assert.equal(r.status, 422);
  assert.ok(fieldError(r.body, 'birth_date'));
  assert.match(r.body, /value="Bianchi"/);
  const page = await get(`/people/${ids.mario}`);
  assert.match(page.body, /Rossi Mario/);
});

test('the person page lists the household members with derived facts', async () => {
  ids.anna = savedId(await post('/people', {
    person_ref: 'P-0002', household_ref: 'H-0002', relationship: 'reference',
    first_name: 'Anna', last_name: 'Verdi', gender: 'F', birth_date: '1980-03-01',
  }));
  const year = new Date().getUTCFullYear();
  ids.luca = savedId(await post('/people', {
    person_ref: 'P-0003', household_ref: 'H-0002', relationship: 'child',
    first_name: 'Luca', last_name: 'Verdi', gender: 'M', birth_date: `${year - 8}-01-01`,
  }));
  const r = await get(`/people/${ids.anna}`);
  assert.equal(r.status, 200);
  assert.match(r.body, new RegExp(`<a href="/people/${ids.luca}">Verdi Luca</a>`));
  assert.match(r.body, /Figlio o figlia/);
  const facts = /<dl class="row" id="household-facts">(.*?)<\/dl>/s.exec(r.body)[1];
  assert.match(facts, /Componenti del nucleo<\/dt><dd class="col-sm-8">2</);
  assert.match(facts, /Minorenni<\/dt><dd class="col-sm-8">1</);
  assert.match(facts, /Genitore solo con figli minorenni<\/dt><dd class="col-sm-8">Sì</);
  assert.match(r.body, /href="\/people\/new\?household_ref=H-0002"/);
  const child = await get(`/people/${ids.luca}`);
  assert.match(child.body, new RegExp(`<a href="/people/${ids.anna}">Verdi Anna</a>`));
});

test('search finds people by surname prefix and by codice fiscale', async () => {
  const bySurname = await get('/people?q=ver');
  assert.deepEqual(listedIds(bySurname.body), [ids.anna, ids.luca]);
  assert.match(bySurname.body, /name="q" value="ver"/);
  const byCf = await get('/people?q=RSSMRA85T10');
  assert.deepEqual(listedIds(byCf.body), [ids.mario]);
  const none = await get('/people?q=zzz');
  assert.deepEqual(listedIds(none.body), []);
  assert.match(none.body, /Nessun risultato/);
});

test('filters narrow the list', async () => {
  assert.deepEqual(listedIds((await get('/people?gender=F')).body), [ids.anna]);
  assert.deepEqual(listedIds((await get('/people?municipality=Cascina')).body), [ids.mario]);
  assert.deepEqual(listedIds((await get('/people?minimum_income=no')).body), [ids.mario]);
  assert.deepEqual(listedIds((await get('/people?gender=M&q=verdi')).body), [ids.luca]);
});

test('the list pages by keyset, keeps the filters, and never repeats a person', async () => {
  const made = [];
  for (let i = 0; i < 32; i++) {
    const n = String(i).padStart(2, '0');
    made.push(savedId(await post('/people', {
      person_ref: `PG-${n}`, household_ref: `HG-${n}`, first_name: `Nome${n}`,
      last_name: i % 2 ? 'Pagina' : 'Paginato', gender: i % 3 ? 'F' : 'M',
    })));
  }
  const seen = [];
  let path = '/people?q=pagin';
  let pages = 0;
  while (path) {
    const r = await get(path);
    assert.equal(r.status, 200);
    seen.push(...listedIds(r.body));
    path = nextLink(r.body);
    if (path) assert.match(path, /^\/people\?q=pagin&after=[0-9a-f]+\.\d+$/);
    pages++;
  }
  assert.equal(pages, 2);
  assert.equal(new Set(seen).size, seen.length, 'no duplicates');
  assert.deepEqual([...seen].sort((a, b) => a - b), [...made].sort((a, b) => a - b));
  // a filter travels with the cursor
  const women = made.filter((_, i) => i % 3);
  const first = await get('/people?gender=F&q=pagin');
  assert.equal(listedIds(first.body).length, women.length);
  assert.equal(nextLink(first.body), null);
  // the whole registry: first page full, the rest on later pages
  const all = await get('/people');
  assert.equal(listedIds(all.body).length, 25);
  assert.match(nextLink(all.body), /^\/people\?after=/);
  const bad = await get('/people?after=not-a-cursor');
  assert.equal(bad.status, 400);
});

test('English is served by Accept-Language and by the language cookie', async () => {
  const r = await get('/people', { 'Accept-Language': 'en-GB,en;q=0.9' });
  assert.match(r.body, /<html lang="en">/);
  assert.match(r.body, /Registry of people/);
  assert.match(r.body, /Name or codice fiscale/);
  const p = await get(`/people/${ids.mario}`, { Cookie: 'lang=en' });
  assert.match(p.body, /Italy \(IT\)/);
  assert.match(p.body, /1985-12-10/);
  const bad = await post('/people', { ...MARIO, person_ref: 'X', codice_fiscale: 'RSSMRA85T10A562X' },
    { 'Accept-Language': 'en' });
  assert.equal(bad.status, 422);
  assert.equal(fieldError(bad.body, 'codice_fiscale'), 'the check character is wrong');
});

test('names are escaped wherever they are shown', async () => {
  const id = savedId(await post('/people', {
    person_ref: 'P-<x>', household_ref: 'H-"q"', first_name: '<script>alert(1)</script>',
    last_name: 'O\'Brien & <b>Co</b>',
  }));
  for (const path of [`/people/${id}`, `/people/${id}/edit`, '/people?q=obrien', '/people?q=o%20brien']) {
    const r = await get(path);
    assert.equal(r.status, 200, path);
    assert.equal(r.body.includes('<script>'), false, path);
    assert.equal(r.body.includes('<b>Co'), false, path);
  }
  const page = await get(`/people/${id}`);
  assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(page.body, /O&#39;Brien &amp; &lt;b&gt;Co&lt;\/b&gt;/);
  assert.match(page.body, /href="\/people\/new\?household_ref=H-%22q%22"/);
});

test('form routes refuse oversize and non-form bodies', async () => {
  const big = await post('/people', { ...MARIO, municipality: 'x'.repeat(70 * 1024) });
  assert.equal(big.status, 413);
  const json = await request(srv.base, 'POST', '/people', { body: MARIO });
  assert.equal(json.status, 400);
});

test('the programme page shows rounds, streams and the catalogue', async () => {
  const r = await get('/programme');
  assert.equal(r.status, 200);
  assert.match(r.body, /<h2 id="rounds" class="h3">Edizioni<\/h2>/);
  assert.match(r.body, /<h2 id="streams" class="h3">Linee di finanziamento<\/h2>/);
  assert.match(r.body, /<h2 id="catalogue" class="h3">Catalogo dei servizi<\/h2>/);
  assert.match(r.body, /action="\/programme\/rounds"/);
  assert.match(r.body, /action="\/programme\/streams"/);
});

test('a round is added through the form', async () => {
  const services = ['internship', 'haccp'];
  const body = new URLSearchParams({ round_code: 'R9', round_name: 'Edizione di prova',
    start_date: '2024-01-15', end_date: '2024-12-31', max_participants: '40' });
  for (const s of services) body.append('services', s);
  const r = await request(srv.base, 'POST', '/programme/rounds', { raw: body.toString(), headers: FORM });
  assert.equal(r.status, 303, r.body.slice(0, 3000));
  assert.match(r.headers.get('location'), /^\/programme/);
  const page = await get('/programme?added=round');
  assert.match(page.body, /Edizione aggiunta\./);
  const row = /<tr><td><code>R9<\/code><\/td>(.*?)<\/tr>/.exec(page.body);
  assert.ok(row, 'the round is listed');
  assert.match(row[1], /Edizione di prova/);
  assert.match(row[1], /15\/01\/2024/);
  assert.match(row[1], />40</);
  assert.match(row[1], /<td>2 \/ \d+<\/td>/);
});

test('an invalid round is refused next to its fields and not added', async () => {
  const body = new URLSearchParams({ round_code: 'bad code!', round_name: '',
    start_date: '2024-05-01', end_date: '2024-04-01', max_participants: 'many' });
  const r = await request(srv.base, 'POST', '/programme/rounds', { raw: body.toString(), headers: FORM });
  assert.equal(r.status, 422);
  for (const f of ['round_code', 'round_name', 'end_date', 'max_participants', 'services']) {
    assert.ok(fieldError(r.body, f), f);
  }
  assert.equal(fieldError(r.body, 'round_name'), 'campo obbligatorio');
  assert.match(r.body, /<details class="mb-4 ali-add" open>/);
  assert.match(r.body, /name="round_code" value="bad code!"/);
  const dup = new URLSearchParams({ round_code: 'R9', round_name: 'Again', start_date: '2025-01-01',
    end_date: '2025-06-30', services: 'haccp' });
  const d = await request(srv.base, 'POST', '/programme/rounds', { raw: dup.toString(), headers: FORM });
  assert.equal(d.status, 422);
  assert.equal(fieldError(d.body, 'round_code'), 'esiste già un&#39;edizione con questo codice');
  const page = await get('/programme');
  assert.equal(page.body.includes('bad code!'), false);
  assert.equal(page.body.includes('Again'), false);
});

test('a funding stream is added through the form, its allocation in euros', async () => {
  const r = await post('/programme/streams', { stream_code: 'fondo_prova', stream_name: 'Fondo di prova',
    allocation: '150.000,50', rule: 'minimum_income', esf: '1' });
  assert.equal(r.status, 303, r.body.slice(0, 3000));
  const page = await get('/programme');
  const row = /<tr><td><code>fondo_prova<\/code><\/td>(.*?)<\/tr>/.exec(page.body);
  assert.ok(row, 'the stream is listed');
  assert.match(row[1], /€ 150\.000,50/);
  assert.match(row[1], /<td>percettori di reddito minimo<\/td>/);
  assert.match(row[1], /<td>Sì<\/td>/);
  const en = await get('/programme', { 'Accept-Language': 'en' });
  assert.match(en.body, /€150,000\.50/);
});

test('an invalid funding stream is refused next to its fields and not added', async () => {
  const r = await post('/programme/streams', { stream_code: 'x y', stream_name: 'Fondo <errato>',
    allocation: 'molti euro', rule: 'everyone' });
  assert.equal(r.status, 422);
  assert.ok(fieldError(r.body, 'stream_code'), 'stream_code');
  assert.ok(fieldError(r.body, 'allocation'), 'allocation');
  assert.ok(fieldError(r.body, 'rule'), 'rule');
  assert.match(r.body, /name="stream_name" value="Fondo &lt;errato&gt;"/);
  const page = await get('/programme');
  assert.equal(page.body.includes('Fondo &lt;errato&gt;'), false);
});
