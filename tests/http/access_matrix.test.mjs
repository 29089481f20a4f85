// access_matrix.test.mjs — need-to-know, generated from the policy.
//
// The tables below mirror src/domain/policy.c (role -> capabilities, which
// relation reads which special-category field) and src/domain/access.c
// (the relation each role has to each kind of case).  The matrix runs
// every role x every route of src/http/routes.c (parsed from the file) x
// {own case, a colleague's case, another cooperative's case, another
// agency's case} and checks each answer: allowed is the route's success
// status (writes send a deliberately invalid body and expect 422, so that
// nothing is written); a capability the role lacks is 403; a record the
// caller may not see is 404; a list shows the target exactly when the
// caller may see it.  No refusal may contain any target's personal data.
// A route of routes.c without an entry in ROUTES fails the test, and so
// does an entry whose capability differs from routes.c.
//
// Then: the fields each relation sees, N reads of special-category data
// giving N audit entries, and emergency access from request to the
// manager's list.  Runs on SQLite and PostgreSQL (tests/run runs
// tests/http/ on both); the fixture is tests/http/access_fixture.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, request, ali } from './server.mjs';
import { buildAccessWorld, PEOPLE, NOTES, ROLE_USER, secretsOf } from './access_fixture.mjs';

// ---- the policy, as data (mirror of src/domain/policy.c) ----

const ROLES = Object.keys(ROLE_USER);
const ALL = ROLES;
const CAPABILITY = {
  CAP_PUBLIC: ALL,
  CAP_LOGGED_IN: ALL,
  CAP_PERSON_SEARCH: ['manager', 'social_worker'],
  CAP_PERSON_READ: ['manager', 'social_worker', 'psychotherapist', 'case_manager', 'operator'],
  CAP_PERSON_WRITE: ['manager', 'social_worker'],
  CAP_PROGRAMME_READ: ['admin', 'manager', 'social_worker', 'psychotherapist', 'case_manager', 'operator', 'evaluator'],
  CAP_PROGRAMME_WRITE: ['admin', 'manager'],
  CAP_USER_ADMIN: ['admin'],
  CAP_AUDIT_READ: ['manager', 'auditor'],
  CAP_BREAK_GLASS: ['manager', 'social_worker'],
  CAP_REPORT_READ: ['manager', 'evaluator'],
  CAP_SENSITIVE_WRITE: ['manager', 'social_worker', 'psychotherapist'],
  CAP_BREAK_GLASS_REVIEW: ['manager'],
  CAP_SHORTLIST: ['manager', 'social_worker'],
  CAP_INTAKE_WRITE: ['manager', 'social_worker', 'psychotherapist'],
  CAP_CASE_ASSIGN: ['manager'],
  CAP_PROJECT_WRITE: ['manager', 'case_manager'],
  CAP_FUNNEL_READ: ['manager', 'social_worker'],
  CAP_DELIVERY_WRITE: ['manager', 'case_manager', 'operator'],
  CAP_COURSE_ADMIN: ['manager', 'case_manager'],
  CAP_REGISTER_WRITE: ['manager', 'social_worker', 'psychotherapist', 'case_manager', 'operator'],
  CAP_REQUEST_WRITE: ['manager', 'social_worker', 'psychotherapist', 'case_manager', 'operator'],
  CAP_CASE_CLOSE: ['manager', 'case_manager'],
  CAP_TEAM_MEETING: ['manager', 'social_worker', 'case_manager'],
  CAP_CASELOAD_ADMIN: ['manager'],
  CAP_MONEY_READ: ['manager', 'case_manager'],
  CAP_EXPENSE_WRITE: ['manager', 'case_manager'],
  CAP_STATEMENT_REVIEW: ['manager'],
  CAP_MICRODATA_EXPORT: ['manager', 'evaluator'],
  CAP_DASHBOARD: ['manager'],
};

// Who reads which special-category field (policy_sensitive_visible).
const SENSITIVE = {
  health: ['holder', 'psychotherapist', 'case_manager', 'break_glass', 'manager'],
  psych_notes: ['psychotherapist', 'case_manager', 'manager'],
  court_notes: ['holder', 'break_glass', 'manager'],
  addiction: ['holder', 'psychotherapist', 'break_glass', 'manager'],
};

// The four kinds of case, and each role's relation to them (access.c).
const TARGETS = ['own', 'colleague', 'coop', 'agency'];
const NONE4 = { own: 'none', colleague: 'none', coop: 'none', agency: 'none' };
const RELATION = {
  admin: NONE4,
  manager: { own: 'manager', colleague: 'manager', coop: 'manager', agency: 'none' },
  social_worker: { own: 'holder', colleague: 'registry', coop: 'registry', agency: 'none' },
  psychotherapist: { ...NONE4, own: 'psychotherapist' },
  case_manager: { ...NONE4, own: 'case_manager' },
  operator: { ...NONE4, own: 'operator' },
  evaluator: NONE4,
  auditor: NONE4,
};

// The fields of a person in JSON each relation sees (access.c's table).
const REGISTRY_KEYS = ['access', 'age', 'first_name', 'household_id', 'household_ref', 'id', 'last_name'];
const OPERATOR_KEYS = [...REGISTRY_KEYS, 'municipality', 'relationship'];
const FULL_KEYS = [...OPERATOR_KEYS, 'birth_country', 'birth_date', 'citizenship', 'codice_fiscale', 'created_at',
  'gender', 'minimum_income', 'person_ref', 'updated_at'];
const KEYS = { registry: REGISTRY_KEYS, operator: OPERATOR_KEYS, case_manager: FULL_KEYS,
  psychotherapist: FULL_KEYS, holder: FULL_KEYS, break_glass: FULL_KEYS, manager: FULL_KEYS };

const sees = (rel) => rel !== 'none';
const canEdit = (rel) => ['holder', 'break_glass', 'manager'].includes(rel);
// What a relation to a case's participant allows (intake_can_read,
// intake_can_interview in src/domain/intake.c).
const caseReads = (rel) => ['holder', 'psychotherapist', 'case_manager', 'break_glass', 'manager'].includes(rel);
const caseInterviews = (rel) => ['holder', 'psychotherapist', 'manager'].includes(rel);
// intake_can_plan: second interviews and the project (page_project.c)
const casePlans = (rel) => ['case_manager', 'manager'].includes(rel);
const sensitiveFields = (rel) => Object.keys(SENSITIVE).filter((f) => SENSITIVE[f].includes(rel));
const readsSensitive = (rel) => sensitiveFields(rel).length > 0;

// ---- the routes, with how to call them and what decides ----
//
// rule: 'any' (the record does not matter), 'see', 'edit', 'sensitive'
// (on the target person), 'agency' (the person is in the caller's agency),
// 'household_see', 'household_edit' (on the target's household), 'list'
// and 'household_list' (200, and the target is listed iff visible).
// ok: the statuses of an allowed call.

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const form = (s) => ({ raw: s, headers: FORM });
const json = (o) => ({ body: o });
// A multipart/form-data body with one text field (the forms that carry a file).
const multipart = (name, value) => ({
  raw: `--b0undary\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n--b0undary--\r\n`,
  headers: { 'Content-Type': 'multipart/form-data; boundary=b0undary' },
});

const ROUTES = {
  'GET /': { rule: 'any', ok: [303] },
  'GET /healthz': { rule: 'any', ok: [200] },
  'GET /lang': { rule: 'any', ok: [303], path: () => '/lang?set=it&next=/people' },
  'GET /assets/*': { rule: 'any', ok: [200], path: () => '/assets/ali.css' },
  'GET /login': { rule: 'any', ok: [303] },
  'POST /login': { rule: 'any', ok: [422], send: () => form('username=&password=') },
  'POST /logout': { rule: 'any', ok: [303], send: () => form('') },
  'GET /people': { rule: 'list', ok: [200], path: () => '/people' },
  'GET /people/new': { rule: 'any', ok: [200] },
  'POST /people': { rule: 'any', ok: [422], send: () => form('last_name=') },
  'GET /people/{id}': { rule: 'see', ok: [200] },
  'GET /people/{id}/edit': { rule: 'edit', ok: [200] },
  'POST /people/{id}': { rule: 'edit', ok: [422], send: () => form('last_name=') },
  'POST /people/{id}/sensitive': { rule: 'sensitive', ok: [422], send: () => form('health=%01&addiction=%01&psych_notes=%01') },
  'GET /people/{id}/emergency': { rule: 'any', ok: [200, 303] },
  'POST /people/{id}/emergency': { rule: 'agency', ok: [422], send: () => form('reason=x') },
  'GET /emergency-access': { rule: 'any', ok: [200] },
  'GET /audit': { rule: 'any', ok: [200], path: (t) => `/audit?person=${world.ids[t]}` },
  'GET /programme': { rule: 'any', ok: [200] },
  'POST /programme/rounds': { rule: 'any', ok: [422], send: () => form('code=') },
  'POST /programme/streams': { rule: 'any', ok: [422], send: () => form('code=') },
  'GET /api/v1/openapi.json': { rule: 'any', ok: [200] },
  'GET /api/v1/people': { rule: 'list', ok: [200], path: () => '/api/v1/people?limit=500' },
  'POST /api/v1/people': { rule: 'any', ok: [422], send: () => json({}) },
  'GET /api/v1/people/{id}': { rule: 'see', ok: [200] },
  'PATCH /api/v1/people/{id}': { rule: 'edit', ok: [422], send: () => json({ first_name: '' }) },
  'GET /api/v1/people/{id}/sensitive': { rule: 'sensitive', ok: [200] },
  'PUT /api/v1/people/{id}/sensitive': { rule: 'sensitive', ok: [422], send: () => json({ health: 5 }) },
  'GET /api/v1/households': { rule: 'household_list', ok: [200], path: () => '/api/v1/households?limit=500' },
  'POST /api/v1/households': { rule: 'any', ok: [422], send: () => json({}) },
  'GET /api/v1/households/{id}': { rule: 'household_see', ok: [200] },
  'PATCH /api/v1/households/{id}': { rule: 'household_edit', ok: [422], send: () => json({ household_ref: 'ZZ-CHANGED' }) },
  'GET /api/v1/rounds': { rule: 'any', ok: [200] },
  'POST /api/v1/rounds': { rule: 'any', ok: [422], send: () => json({}) },
  'GET /api/v1/rounds/{id}': { rule: 'any', ok: [200], id: 'round' },
  'PATCH /api/v1/rounds/{id}': { rule: 'any', ok: [422], id: 'round', send: () => json({ name: '' }) },
  'GET /api/v1/funding-streams': { rule: 'any', ok: [200] },
  'POST /api/v1/funding-streams': { rule: 'any', ok: [422], send: () => json({}) },
  'GET /api/v1/funding-streams/{id}': { rule: 'any', ok: [200], id: 'stream' },
  'PATCH /api/v1/funding-streams/{id}': { rule: 'any', ok: [422], id: 'stream', send: () => json({ name: '' }) },
  'GET /api/v1/services': { rule: 'any', ok: [200] },
  'POST /api/v1/services': { rule: 'any', ok: [422], send: () => json({}) },
  'GET /api/v1/services/{id}': { rule: 'any', ok: [200], id: 'service' },
  'PATCH /api/v1/services/{id}': { rule: 'any', ok: [422], id: 'service', send: () => json({ name_it: '' }) },
  // intake pages (page_shortlist.c, page_case.c, page_form.c, page_funnel.c)
  'GET /rounds/{id}/shortlist': { rule: 'any', ok: [200], id: 'round' },
  'POST /rounds/{id}/shortlist': { rule: 'any', ok: [422], id: 'round', send: () => form('funding_stream=') },
  'GET /rounds/{id}/funnel': { rule: 'any', ok: [200], id: 'round' },
  'GET /cases/{id}': { rule: 'case_read', ok: [200], path: (t) => `/cases/${world.cases[t]}` },
  'POST /cases/{id}/outcome': { rule: 'case_interview', ok: [422], path: (t) => `/cases/${world.cases[t]}/outcome`, send: () => form('outcome=') },
  'POST /cases/{id}/referrals': { rule: 'case_interview', ok: [422], path: (t) => `/cases/${world.cases[t]}/referrals`, send: () => form('referral_reason=') },
  'POST /cases/{id}/withdraw': { rule: 'case_interview', ok: [422], path: (t) => `/cases/${world.cases[t]}/withdraw`, send: () => form('withdraw_reason=') },
  'GET /cases/{id}/form': { rule: 'case_interview', ok: [200], path: (t) => `/cases/${world.cases[t]}/form` },
  'POST /cases/{id}/form': { rule: 'case_interview', ok: [422], path: (t) => `/cases/${world.cases[t]}/form`, send: () => form('interview_on=') },
  // second interview and the project (page_project.c, page_project_forms.c); the
  // world's projects are drafts, so creating one again is a conflict, and a
  // removal is refused by a reason that is not clean text
  'POST /cases/{id}/assign': { rule: 'case_plan', ok: [422], path: (t) => `/cases/${world.cases[t]}/assign`, send: () => form('case_manager_id=') },
  'POST /cases/{id}/interviews': { rule: 'case_plan', ok: [422], path: (t) => `/cases/${world.cases[t]}/interviews`, send: () => form('held_on=') },
  'GET /cases/{id}/project': { rule: 'case_read', ok: [200], path: (t) => `/cases/${world.cases[t]}/project` },
  'GET /cases/{id}/project/versions': { rule: 'case_read', ok: [200], path: (t) => `/cases/${world.cases[t]}/project/versions` },
  'POST /cases/{id}/project': { rule: 'case_plan', ok: [409], path: (t) => `/cases/${world.cases[t]}/project`, send: () => form('') },
  'POST /cases/{id}/project/commitments': { rule: 'case_plan', ok: [422], path: (t) => `/cases/${world.cases[t]}/project/commitments`, send: () => form('commitments=%01') },
  'POST /cases/{id}/project/objectives': { rule: 'case_plan', ok: [422], path: (t) => `/cases/${world.cases[t]}/project/objectives`, send: () => form('text=') },
  'POST /cases/{id}/project/objectives/{id}': { rule: 'case_plan', ok: [422], path: (t) => `/cases/${world.cases[t]}/project/objectives/${world.objectives[t]}`, send: () => form('text=') },
  'POST /cases/{id}/project/objectives/{id}/delete': { rule: 'case_plan', ok: [422], path: (t) => `/cases/${world.cases[t]}/project/objectives/${world.objectives[t]}/delete`, send: () => form('reason=%01') },
  'POST /cases/{id}/project/interventions': { rule: 'case_plan', ok: [422], path: (t) => `/cases/${world.cases[t]}/project/interventions`, send: () => form('service=') },
  'POST /cases/{id}/project/interventions/{id}': { rule: 'case_plan', ok: [422], path: (t) => `/cases/${world.cases[t]}/project/interventions/${world.interventions[t]}`, send: () => form('service=') },
  'POST /cases/{id}/project/interventions/{id}/delete': { rule: 'case_plan', ok: [422], path: (t) => `/cases/${world.cases[t]}/project/interventions/${world.interventions[t]}/delete`, send: () => form('reason=%01') },
  'POST /cases/{id}/project/agree': { rule: 'case_plan', ok: [422], path: (t) => `/cases/${world.cases[t]}/project/agree`, send: () => form('agreed_on=') },
  // intake API (api_case.c, api_project.c): the candidates of the world's
  // round of the agency "sds", the funnel of the target's round; writes send
  // a body with a wrong type (422); the world's projects are drafts, so
  // creating one again is a conflict (409)
  'GET /api/v1/rounds/{id}/candidates': { rule: 'case_list', ok: [200], path: () => `/api/v1/rounds/${world.rounds.own}/candidates?limit=500` },
  'POST /api/v1/rounds/{id}/candidates': { rule: 'any', ok: [422], path: () => `/api/v1/rounds/${world.rounds.own}/candidates`, send: () => json({ person_id: 'x' }) },
  'GET /api/v1/rounds/{id}/funnel': { rule: 'agency', ok: [200], path: (t) => `/api/v1/rounds/${world.rounds[t]}/funnel` },
  'GET /api/v1/cases/{id}': { rule: 'case_read', ok: [200], path: (t) => `/api/v1/cases/${world.cases[t]}` },
  'GET /api/v1/cases/{id}/access-form': { rule: 'case_read', ok: [200], path: (t) => `/api/v1/cases/${world.cases[t]}/access-form` },
  'PUT /api/v1/cases/{id}/access-form': { rule: 'case_interview', ok: [422], path: (t) => `/api/v1/cases/${world.cases[t]}/access-form`, send: () => json({ interview_on: 5 }) },
  'POST /api/v1/cases/{id}/first-interview-outcome': { rule: 'case_interview', ok: [422], path: (t) => `/api/v1/cases/${world.cases[t]}/first-interview-outcome`, send: () => json({ outcome: 'maybe' }) },
  'POST /api/v1/cases/{id}/referrals': { rule: 'case_interview', ok: [422], path: (t) => `/api/v1/cases/${world.cases[t]}/referrals`, send: () => json({ organisation_id: 'x' }) },
  'POST /api/v1/cases/{id}/withdrawal': { rule: 'case_interview', ok: [422], path: (t) => `/api/v1/cases/${world.cases[t]}/withdrawal`, send: () => json({ reason: 'bored' }) },
  'PUT /api/v1/cases/{id}/case-manager': { rule: 'case_read', ok: [422], path: (t) => `/api/v1/cases/${world.cases[t]}/case-manager`, send: () => json({ organisation_id: 'x' }) },
  'GET /api/v1/cases/{id}/second-interviews': { rule: 'case_read', ok: [200], path: (t) => `/api/v1/cases/${world.cases[t]}/second-interviews` },
  'POST /api/v1/cases/{id}/second-interviews': { rule: 'case_plan', ok: [422], path: (t) => `/api/v1/cases/${world.cases[t]}/second-interviews`, send: () => json({ held_on: 5 }) },
  'GET /api/v1/cases/{id}/project': { rule: 'case_read', ok: [200], path: (t) => `/api/v1/cases/${world.cases[t]}/project` },
  'POST /api/v1/cases/{id}/project': { rule: 'case_plan', ok: [409], path: (t) => `/api/v1/cases/${world.cases[t]}/project`, send: () => json({}) },
  'PUT /api/v1/cases/{id}/project/commitments': { rule: 'case_plan', ok: [422], path: (t) => `/api/v1/cases/${world.cases[t]}/project/commitments`, send: () => json({ commitments: 5 }) },
  'POST /api/v1/cases/{id}/project/objectives': { rule: 'case_plan', ok: [422], path: (t) => `/api/v1/cases/${world.cases[t]}/project/objectives`, send: () => json({ person_id: 'x' }) },
  'PATCH /api/v1/cases/{id}/project/objectives/{id}': { rule: 'case_plan', ok: [422], path: (t) => `/api/v1/cases/${world.cases[t]}/project/objectives/${world.objectives[t]}`, send: () => json({ text: 5 }) },
  'DELETE /api/v1/cases/{id}/project/objectives/{id}': { rule: 'case_plan', ok: [422], path: (t) => `/api/v1/cases/${world.cases[t]}/project/objectives/${world.objectives[t]}`, send: () => json({ reason: 5 }) },
  'POST /api/v1/cases/{id}/project/interventions': { rule: 'case_plan', ok: [422], path: (t) => `/api/v1/cases/${world.cases[t]}/project/interventions`, send: () => json({ person_id: 'x' }) },
  'PATCH /api/v1/cases/{id}/project/interventions/{id}': { rule: 'case_plan', ok: [422], path: (t) => `/api/v1/cases/${world.cases[t]}/project/interventions/${world.interventions[t]}`, send: () => json({ planned_hours: 'x' }) },
  'DELETE /api/v1/cases/{id}/project/interventions/{id}': { rule: 'case_plan', ok: [422], path: (t) => `/api/v1/cases/${world.cases[t]}/project/interventions/${world.interventions[t]}`, send: () => json({ reason: 5 }) },
  'POST /api/v1/cases/{id}/project/agreement': { rule: 'case_plan', ok: [422], path: (t) => `/api/v1/cases/${world.cases[t]}/project/agreement`, send: () => json({ agreed_on: 5 }) },
  'GET /api/v1/cases/{id}/project/versions': { rule: 'case_read', ok: [200], path: (t) => `/api/v1/cases/${world.cases[t]}/project/versions` },
  // printable documents (page_print.c): PDF and print-friendly pages
  'GET /cases/{id}/form.pdf': { rule: 'case_read', ok: [200], path: (t) => `/cases/${world.cases[t]}/form.pdf` },
  'GET /cases/{id}/project.pdf': { rule: 'case_read', ok: [200], path: (t) => `/cases/${world.cases[t]}/project.pdf` },
  'GET /cases/{id}/form/print': { rule: 'case_read', ok: [200], path: (t) => `/cases/${world.cases[t]}/form/print` },
  'GET /cases/{id}/project/print': { rule: 'case_read', ok: [200], path: (t) => `/cases/${world.cases[t]}/project/print` },
  'GET /api/v1/cases/{id}/access-form.pdf': { rule: 'case_read', ok: [200], path: (t) => `/api/v1/cases/${world.cases[t]}/access-form.pdf` },
  'GET /api/v1/cases/{id}/project.pdf': { rule: 'case_read', ok: [200], path: (t) => `/api/v1/cases/${world.cases[t]}/project.pdf` },
  // the activity register (page_register.c): register_can_read / register_can_write
  'GET /cases/{id}/register': { rule: 'register_read', ok: [200], path: (t) => `/cases/${world.cases[t]}/register` },
  'POST /cases/{id}/register': { rule: 'register_write', ok: [422], path: (t) => `/cases/${world.cases[t]}/register`, send: () => form('kind=') },
  'GET /cases/{id}/register.pdf': { rule: 'register_read', ok: [200], path: (t) => `/cases/${world.cases[t]}/register.pdf` },
  // activities planned in the register (page_agenda.c, agenda.h): planning
  // as writing the register; an unknown activity of a readable case is 404
  'POST /cases/{id}/register/plan': { rule: 'register_write', ok: [422], path: (t) => `/cases/${world.cases[t]}/register/plan`, send: () => form('kind=') },
  'POST /cases/{id}/register/{id}/done': { rule: 'register_write', ok: [404], path: (t) => `/cases/${world.cases[t]}/register/999999/done`, send: () => form('minutes=5') },
  'POST /cases/{id}/register/{id}/cancel': { rule: 'register_write', ok: [404], path: (t) => `/cases/${world.cases[t]}/register/999999/cancel`, send: () => form('reason=x') },
  // requests and quick answers (page_request.c): reading and raising follow
  // register_can_read / register_can_write; answering a request is tested in
  // requests.test.mjs (the world has none: an unknown one is a 404); the
  // targets are the manager's (CAP_CASELOAD_ADMIN)
  'GET /cases/{id}/requests': { rule: 'register_read', ok: [200], path: (t) => `/cases/${world.cases[t]}/requests` },
  'POST /cases/{id}/requests': { rule: 'register_write', ok: [422], path: (t) => `/cases/${world.cases[t]}/requests`, send: () => form('kind=') },
  'POST /requests/{id}/acknowledge': { rule: 'any', ok: [404], path: () => '/requests/999999/acknowledge', send: () => form('') },
  'POST /requests/{id}/resolve': { rule: 'any', ok: [404], path: () => '/requests/999999/resolve', send: () => form('resolution=') },
  'GET /requests': { rule: 'any', ok: [200] },
  'POST /requests/targets': { rule: 'any', ok: [422], send: () => form('ack_days_rent=x') },
  // the register and requests in the API (api_register.c, api_request.c)
  'GET /api/v1/cases/{id}/activities': { rule: 'register_read', ok: [200], path: (t) => `/api/v1/cases/${world.cases[t]}/activities` },
  'POST /api/v1/cases/{id}/activities': { rule: 'register_write', ok: [422], path: (t) => `/api/v1/cases/${world.cases[t]}/activities`, send: () => json({ minutes: 'x' }) },
  'POST /api/v1/cases/{id}/activities/{id}/done': { rule: 'register_write', ok: [404], path: (t) => `/api/v1/cases/${world.cases[t]}/activities/999999/done`, send: () => json({ minutes: 5, text: 'x' }) },
  'POST /api/v1/cases/{id}/activities/{id}/cancel': { rule: 'register_write', ok: [404], path: (t) => `/api/v1/cases/${world.cases[t]}/activities/999999/cancel`, send: () => json({ reason: 'x' }) },
  'GET /api/v1/cases/{id}/requests': { rule: 'register_read', ok: [200], path: (t) => `/api/v1/cases/${world.cases[t]}/requests` },
  'POST /api/v1/cases/{id}/requests': { rule: 'register_write', ok: [422], path: (t) => `/api/v1/cases/${world.cases[t]}/requests`, send: () => json({ kind: 5 }) },
  'POST /api/v1/requests/{id}/acknowledgement': { rule: 'any', ok: [404], path: () => '/api/v1/requests/999999/acknowledgement', send: () => json({}) },
  'POST /api/v1/requests/{id}/resolution': { rule: 'any', ok: [404], path: () => '/api/v1/requests/999999/resolution', send: () => json({ resolution: 'x' }) },
  'GET /api/v1/requests': { rule: 'any', ok: [200] },
  // training courses (page_course.c, api_course.c): the capability layer
  // here; the record-level rules (trainer, case manager of the case) in
  // courses.test.mjs.  Editions are not case data: an unknown edition is
  // a 404 for every role allowed the route.
  'GET /courses': { rule: 'any', ok: [200] },
  'POST /courses': { rule: 'any', ok: [422], send: () => form('code=') },
  'GET /courses/{id}': { rule: 'any', ok: [404], path: () => '/courses/999999' },
  'POST /courses/{id}': { rule: 'any', ok: [404], path: () => '/courses/999999', send: () => form('status=start') },
  'POST /courses/{id}/enrolments': { rule: 'any', ok: [404], path: () => '/courses/999999/enrolments', send: () => form('intervention_id=1') },
  'POST /courses/{id}/enrolments/{id}': { rule: 'any', ok: [404], path: () => '/courses/999999/enrolments/1', send: () => form('action=complete') },
  'POST /courses/{id}/sessions': { rule: 'any', ok: [404], path: () => '/courses/999999/sessions', send: () => form('on_date=') },
  'POST /courses/{id}/sessions/{id}/attendance': { rule: 'any', ok: [404], path: () => '/courses/999999/sessions/1/attendance', send: () => form('') },
  'GET /api/v1/course-editions': { rule: 'any', ok: [200] },
  'POST /api/v1/course-editions': { rule: 'any', ok: [422], send: () => json({}) },
  'GET /api/v1/course-editions/{id}': { rule: 'any', ok: [404], path: () => '/api/v1/course-editions/999999' },
  'PATCH /api/v1/course-editions/{id}': { rule: 'any', ok: [404], path: () => '/api/v1/course-editions/999999', send: () => json({ seats: 3 }) },
  'POST /api/v1/course-editions/{id}/enrolments': { rule: 'any', ok: [404], path: () => '/api/v1/course-editions/999999/enrolments', send: () => json({ intervention_id: 1 }) },
  'PATCH /api/v1/course-editions/{id}/enrolments/{id}': { rule: 'any', ok: [404], path: () => '/api/v1/course-editions/999999/enrolments/1', send: () => json({ action: 'complete' }) },
  'POST /api/v1/course-editions/{id}/sessions': { rule: 'any', ok: [404], path: () => '/api/v1/course-editions/999999/sessions', send: () => json({ on_date: '2024-01-01', minutes: 60 }) },
  'PUT /api/v1/course-editions/{id}/sessions/{id}/attendance': { rule: 'any', ok: [404], path: () => '/api/v1/course-editions/999999/sessions/1/attendance', send: () => json({ present: [] }) },
  // interventions and host firms (delivery.test.mjs tests the record-level rule)
  'GET /interventions/{id}': { rule: 'any', ok: [404], path: () => '/interventions/999999' },
  'POST /interventions/{id}/transition': { rule: 'any', ok: [404], path: () => '/interventions/999999/transition', send: () => form('action=start') },
  'POST /interventions/{id}/school': { rule: 'any', ok: [404], path: () => '/interventions/999999/school', send: () => form('school=') },
  'POST /interventions/{id}/placement': { rule: 'any', ok: [404], path: () => '/interventions/999999/placement', send: () => form('start_on=') },
  'POST /interventions/{id}/attendance': { rule: 'any', ok: [404], path: () => '/interventions/999999/attendance', send: () => form('on_date=') },
  'POST /interventions/{id}/sessions': { rule: 'any', ok: [404], path: () => '/interventions/999999/sessions', send: () => form('on_date=') },
  'POST /cases/{id}/referrals/{id}/status': { rule: 'case_interview', ok: [422], path: (t) => `/cases/${world.cases[t]}/referrals/999999/status`, send: () => form('status=lost') },
  'GET /programme/host-firms': { rule: 'any', ok: [200] },
  'POST /programme/host-firms': { rule: 'any', ok: [422], send: () => form('code=') },
  'GET /api/v1/interventions/{id}': { rule: 'any', ok: [404], path: () => '/api/v1/interventions/999999' },
  'POST /api/v1/interventions/{id}/transitions': { rule: 'any', ok: [404], path: () => '/api/v1/interventions/999999/transitions', send: () => json({ action: 'start' }) },
  'PUT /api/v1/interventions/{id}/placement': { rule: 'any', ok: [404], path: () => '/api/v1/interventions/999999/placement', send: () => json({}) },
  'POST /api/v1/interventions/{id}/attendance': { rule: 'any', ok: [404], path: () => '/api/v1/interventions/999999/attendance', send: () => json({}) },
  'POST /api/v1/interventions/{id}/sessions': { rule: 'any', ok: [404], path: () => '/api/v1/interventions/999999/sessions', send: () => json({}) },
  'GET /api/v1/host-firms': { rule: 'any', ok: [200] },
  'POST /api/v1/host-firms': { rule: 'any', ok: [422], send: () => json({ vat_number: '123' }) },
  'GET /api/v1/host-firms/{id}': { rule: 'any', ok: [404], path: () => '/api/v1/host-firms/999999' },
  // closing a path and the round end (page_evaluation.c, page_round_end.c,
  // api_closing.c): the world's projects are drafts, so there is no
  // evaluation to read (404 for whoever may read the case) and closing is
  // a conflict (409); the round end is the manager's, per agency
  'GET /cases/{id}/evaluation': { rule: 'case_read', ok: [200], path: (t) => `/cases/${world.cases[t]}/evaluation` },
  'POST /cases/{id}/evaluation': { rule: 'case_plan', ok: [409], path: (t) => `/cases/${world.cases[t]}/evaluation`, send: () => form('outcome=activated') },
  'GET /cases/{id}/evaluation.pdf': { rule: 'case_read', ok: [404], path: (t) => `/cases/${world.cases[t]}/evaluation.pdf` },
  'GET /api/v1/cases/{id}/evaluation': { rule: 'case_read', ok: [404], path: (t) => `/api/v1/cases/${world.cases[t]}/evaluation` },
  'PUT /api/v1/cases/{id}/evaluation': { rule: 'case_plan', ok: [422], path: (t) => `/api/v1/cases/${world.cases[t]}/evaluation`, send: () => json({ outcome: 5 }) },
  'GET /api/v1/cases/{id}/evaluation.pdf': { rule: 'case_read', ok: [404], path: (t) => `/api/v1/cases/${world.cases[t]}/evaluation.pdf` },
  'GET /rounds/{id}/ending': { rule: 'agency', ok: [200], path: (t) => `/rounds/${world.rounds[t]}/ending` },
  'POST /rounds/{id}/ending': { rule: 'any', ok: [404], path: () => `/rounds/${world.rounds.own}/ending`, send: () => form('case_id=999999&decision=close_early') },
  'GET /api/v1/rounds/{id}/ending': { rule: 'agency', ok: [200], path: (t) => `/api/v1/rounds/${world.rounds[t]}/ending` },
  // coordination (page_my_day.c, page_team_meeting.c, page_handover.c, api_coordination.c)
  'GET /my-day': { rule: 'any', ok: [200] },
  'GET /team-meeting': { rule: 'any', ok: [200] },
  'POST /team-meeting': { rule: 'any', ok: [404], send: () => form('social_worker=') },
  'GET /handover': { rule: 'any', ok: [200] },
  'POST /handover': { rule: 'any', ok: [422], send: () => form('from=') },
  'GET /caseload/orphans': { rule: 'any', ok: [200] },
  'GET /dashboard': { rule: 'any', ok: [200] },
  'POST /api/v1/handovers': { rule: 'any', ok: [422], send: () => json({}) },
  'GET /api/v1/caseload/orphans': { rule: 'any', ok: [200] },
  'GET /api/v1/my-day': { rule: 'any', ok: [200] },
  // reports (page_report.c, api_report.c): every report of the registry;
  // each report's own capability and the formats in reports.test.mjs
  'GET /reports': { rule: 'any', ok: [200] },
  'GET /reports/*': { rule: 'any', ok: [200], path: () => '/reports/profile' },
  'GET /api/v1/reports': { rule: 'any', ok: [200] },
  'GET /api/v1/reports/*': { rule: 'any', ok: [200], path: () => '/api/v1/reports/profile' },
  // the ESF+ data of a case (page_esf.c): read like the case; the entry
  // questions written by those who interview, the situation after leaving
  // by those who plan (the world's paths are open: "not ended yet", 422);
  // microdata for evaluators (page_microdata.c): a short key is refused
  'GET /cases/{id}/esf': { rule: 'case_read', ok: [200], path: (t) => `/cases/${world.cases[t]}/esf` },
  'POST /cases/{id}/esf/entry': { rule: 'case_interview', ok: [422], path: (t) => `/cases/${world.cases[t]}/esf/entry`, send: () => form('parents_born_abroad=maybe') },
  'POST /cases/{id}/esf/exit': { rule: 'case_plan', ok: [422], path: (t) => `/cases/${world.cases[t]}/esf/exit`, send: () => form('situation_on=') },
  'GET /exports/microdata': { rule: 'any', ok: [200] },
  'POST /exports/microdata': { rule: 'any', ok: [422], send: () => form('key=short&file=participants') },
  // money (page_money.c, page_expense.c, page_statement.c, api_money.c,
  // api_expense.c, api_statement.c): expenses and statements are a
  // cooperative's, not case data (money.test.mjs tests who reaches which);
  // here unknown ones answer 404 and writes send an invalid body
  'GET /money': { rule: 'any', ok: [200] },
  'GET /expenses': { rule: 'any', ok: [200] },
  'POST /expenses': { rule: 'any', ok: [422], send: () => multipart('kind', '') },
  'GET /expenses/{id}': { rule: 'any', ok: [404], path: () => '/expenses/999999' },
  'POST /expenses/{id}': { rule: 'any', ok: [404], path: () => '/expenses/999999', send: () => multipart('kind', '') },
  'POST /expenses/{id}/delete': { rule: 'any', ok: [404], path: () => '/expenses/999999/delete', send: () => form('') },
  'GET /expenses/{id}/receipt': { rule: 'any', ok: [404], path: () => '/expenses/999999/receipt' },
  'GET /statements': { rule: 'any', ok: [200] },
  'POST /statements': { rule: 'any', ok: [422], send: () => form('quarter=') },
  'GET /statements/{id}': { rule: 'any', ok: [404], path: () => '/statements/999999' },
  'GET /statements/{id}.pdf': { rule: 'any', ok: [404], path: () => '/statements/999999.pdf' },
  'GET /statements/{id}.xlsx': { rule: 'any', ok: [404], path: () => '/statements/999999.xlsx' },
  'POST /statements/{id}/submit': { rule: 'any', ok: [404], path: () => '/statements/999999/submit', send: () => form('') },
  'POST /statements/{id}/decisions': { rule: 'any', ok: [404], path: () => '/statements/999999/decisions', send: () => form('') },
  'POST /statements/{id}/lines/{id}/remove': { rule: 'any', ok: [404], path: () => '/statements/999999/lines/1/remove', send: () => form('') },
  'POST /statements/{id}/reimburse': { rule: 'any', ok: [404], path: () => '/statements/999999/reimburse', send: () => form('paid_on=') },
  'POST /statements/{id}/delete': { rule: 'any', ok: [404], path: () => '/statements/999999/delete', send: () => form('') },
  'GET /api/v1/money': { rule: 'any', ok: [200] },
  'GET /api/v1/funding-streams/{id}/money': { rule: 'any', ok: [200], id: 'stream' },
  'GET /api/v1/expenses': { rule: 'any', ok: [200] },
  'POST /api/v1/expenses': { rule: 'any', ok: [422], send: () => json({ kind: 5 }) },
  'GET /api/v1/expenses/{id}': { rule: 'any', ok: [404], path: () => '/api/v1/expenses/999999' },
  'PATCH /api/v1/expenses/{id}': { rule: 'any', ok: [404], path: () => '/api/v1/expenses/999999', send: () => json({ kind: 5 }) },
  'DELETE /api/v1/expenses/{id}': { rule: 'any', ok: [404], path: () => '/api/v1/expenses/999999' },
  'PUT /api/v1/expenses/{id}/receipt': { rule: 'any', ok: [404], path: () => '/api/v1/expenses/999999/receipt', send: () => ({ raw: 'x', headers: { 'Content-Type': 'text/plain' } }) },
  'GET /api/v1/expenses/{id}/receipt': { rule: 'any', ok: [404], path: () => '/api/v1/expenses/999999/receipt' },
  'GET /api/v1/statements': { rule: 'any', ok: [200] },
  'POST /api/v1/statements': { rule: 'any', ok: [422], send: () => json({ quarter: 5 }) },
  'GET /api/v1/statements/{id}': { rule: 'any', ok: [404], path: () => '/api/v1/statements/999999' },
  'GET /api/v1/statements/{id}.pdf': { rule: 'any', ok: [404], path: () => '/api/v1/statements/999999.pdf' },
  'GET /api/v1/statements/{id}.xlsx': { rule: 'any', ok: [404], path: () => '/api/v1/statements/999999.xlsx' },
  'POST /api/v1/statements/{id}/submission': { rule: 'any', ok: [404], path: () => '/api/v1/statements/999999/submission', send: () => json({}) },
  'POST /api/v1/statements/{id}/decisions': { rule: 'any', ok: [404], path: () => '/api/v1/statements/999999/decisions', send: () => json({ decisions: [] }) },
  'DELETE /api/v1/statements/{id}/lines/{id}': { rule: 'any', ok: [404], path: () => '/api/v1/statements/999999/lines/1' },
  'POST /api/v1/statements/{id}/reimbursement': { rule: 'any', ok: [404], path: () => '/api/v1/statements/999999/reimbursement', send: () => json({ paid_on: 5 }) },
};

// Every route of src/http/routes.c: "METHOD pattern" -> capability.
function routesOfSource() {
  const text = readFileSync(new URL('../../src/http/routes.c', import.meta.url), 'utf8');
  const re = /\{\s*"([A-Z]+)"\s*,\s*"([^"]+)"\s*,\s*\w+\s*,\s*ROUTE_\w+\s*,[^,}]*,\s*(CAP_\w+)\s*\}/g;
  return Object.fromEntries([...text.matchAll(re)].map(([, m, p, cap]) => [`${m} ${p}`, cap]));
}

let srv, world;
const fixed = {};
before(async () => {
  srv = await startServer();
  world = await buildAccessWorld(srv);
  const t = srv.token;
  let r = await request(srv.base, 'POST', '/api/v1/rounds',
    { body: { code: 'R9', name: 'Edizione di prova', start_date: '2025-01-01', end_date: '2025-12-31' }, token: t });
  assert.equal(r.status, 201, r.body);
  fixed.round = r.json.id;
  r = await request(srv.base, 'POST', '/api/v1/funding-streams',
    { body: { code: 'fs9', name: 'Fondo di prova', allocation_cents: 100000 }, token: t });
  assert.equal(r.status, 201, r.body);
  fixed.stream = r.json.id;
  r = await request(srv.base, 'GET', '/api/v1/services?limit=1', { token: t });
  fixed.service = r.json.items[0].id;
});
after(async () => { await srv?.stop(); });

// The path of a route for a target.
function pathOf(key, spec, target) {
  if (spec.path) return spec.path(target);
  const pattern = key.split(' ')[1];
  if (!pattern.includes('{id}')) return pattern;
  let id;
  if (spec.id) id = fixed[spec.id];
  else if (pattern.startsWith('/api/v1/households/')) id = world.households[target];
  else id = world.ids[target];
  return pattern.replace('{id}', id);
}

// What the role should get: 'forbidden' (403), 'hidden' (404), 'allowed',
// or for lists 'listed' / 'unlisted'.
function expected(cap, spec, role, target) {
  if (!CAPABILITY[cap].includes(role)) return 'forbidden';
  const rel = RELATION[role][target];
  switch (spec.rule) {
    case 'any': return 'allowed';
    case 'see': case 'household_see': return sees(rel) ? 'allowed' : 'hidden';
    case 'edit': case 'household_edit': return canEdit(rel) ? 'allowed' : 'hidden';
    case 'sensitive': return readsSensitive(rel) ? 'allowed' : 'hidden';
    case 'agency': return target !== 'agency' ? 'allowed' : 'hidden';
    case 'case_read': return caseReads(rel) ? 'allowed' : 'hidden';
    case 'case_interview': return caseInterviews(rel) ? 'allowed' : 'hidden';
    case 'case_plan': return casePlans(rel) ? 'allowed' : 'hidden';
    case 'register_read': case 'register_write': return caseReads(rel) || rel === 'operator' ? 'allowed' : 'hidden';
    case 'list': case 'household_list': return sees(rel) ? 'listed' : 'unlisted';
    case 'case_list': return caseReads(rel) ? 'listed' : 'unlisted';
    default: throw new Error(`unknown rule ${spec.rule}`);
  }
}

// Whether a list answer shows the target.
function listsTarget(spec, body, jsonBody, target) {
  if (jsonBody?.items) {
    if (spec.rule === 'case_list') return jsonBody.items.some((it) => it.id === world.cases[target]);
    const want = spec.rule === 'household_list' ? world.households[target] : world.ids[target];
    return jsonBody.items.some((it) => it.id === want);
  }
  const p = PEOPLE[target];
  return body.includes(`${p.last_name} ${p.first_name}`);
}

const ALL_SECRETS = TARGETS.flatMap(secretsOf);

test('every route of src/http/routes.c has an entry, with the same capability', () => {
  const source = routesOfSource();
  assert.ok(Object.keys(source).length >= 40, 'the route table was parsed');
  const missing = Object.keys(source).filter((k) => !ROUTES[k]);
  assert.deepEqual(missing, [], 'routes without an expectation: add them to ROUTES');
  const stale = Object.keys(ROUTES).filter((k) => !source[k]);
  assert.deepEqual(stale, [], 'expectations for routes that no longer exist');
  for (const [k, cap] of Object.entries(source)) {
    assert.ok(CAPABILITY[cap], `${k}: capability ${cap} is in the policy mirror`);
  }
});

test('the access matrix: every role x route x kind of case', async (t) => {
  const source = routesOfSource();
  const failures = [];
  let n = 0;
  for (const [key, cap] of Object.entries(source)) {
    const spec = ROUTES[key];
    if (!spec) continue; // reported by the test above
    const method = key.split(' ')[0];
    for (const role of ROLES) {
      const token = world.tokens[ROLE_USER[role]];
      for (const target of TARGETS) {
        const path = pathOf(key, spec, target);
        const want = expected(cap, spec, role, target);
        const r = await request(srv.base, method, path, { token, ...(spec.send ? spec.send() : {}) });
        n++;
        const label = `${role} ${method} ${path} (${target}): expected ${want}, got ${r.status}`;
        let ok;
        if (want === 'forbidden') ok = r.status === 403;
        else if (want === 'hidden') ok = r.status === 404;
        else if (want === 'allowed') ok = spec.ok.includes(r.status);
        else ok = r.status === 200 && listsTarget(spec, r.body, r.json, target) === (want === 'listed');
        if (!ok) failures.push(`${label} ${r.body.slice(0, 200)}`);
        if (r.status === 403 || r.status === 404) {
          const leak = ALL_SECRETS.filter((s) => r.body.includes(s));
          if (leak.length) failures.push(`${label}: the refusal shows ${leak.join(', ')}`);
        }
        if (want === 'unlisted') {
          const leak = secretsOf(target).filter((s) => r.body.includes(s));
          if (leak.length) failures.push(`${label}: the list shows ${leak.join(', ')}`);
        }
      }
    }
  }
  t.diagnostic(`${n} cases`);
  assert.ok(n >= 300, `at least 300 cases (ran ${n})`);
  assert.deepEqual(failures, [], `${failures.length} of ${n} cases differ from the policy`);
});

test('each relation sees its fields of the person, and no more', async () => {
  for (const role of ROLES) {
    const token = world.tokens[ROLE_USER[role]];
    for (const target of TARGETS) {
      const rel = RELATION[role][target];
      if (!CAPABILITY.CAP_PERSON_READ.includes(role) || !sees(rel)) continue;
      const r = await request(srv.base, 'GET', `/api/v1/people/${world.ids[target]}`, { token });
      assert.equal(r.status, 200, `${role} ${target}`);
      const { household, ...person } = r.json;
      assert.deepEqual(Object.keys(person).sort(), [...KEYS[rel]].sort(), `${role} sees ${target} as ${rel}`);
      assert.equal(person.access, rel);
      if (!KEYS[rel].includes('codice_fiscale')) {
        assert.ok(!r.body.includes(PEOPLE[target].codice_fiscale), `${role}: no codice fiscale of ${target}`);
      }
      // the household shows only the members the caller may see
      const memberIds = household.members.map((m) => m.id).sort();
      if (rel === 'operator') assert.deepEqual(memberIds, [world.ids[target]]);
      if (target === 'own' && rel !== 'operator') assert.equal(memberIds.length, 2);
      // the special-category fields, exactly as the policy says
      const s = await request(srv.base, 'GET', `/api/v1/people/${world.ids[target]}/sensitive`, { token });
      const fields = sensitiveFields(rel);
      if (!fields.length) {
        assert.equal(s.status, 404, `${role} reads no special-category field of ${target}`);
        continue;
      }
      assert.equal(s.status, 200, s.body);
      assert.deepEqual(Object.keys(s.json).sort(), [...fields, 'person_id', 'updated_at'].sort());
      for (const f of fields) assert.equal(s.json[f], NOTES[target]?.[f] ?? null);
    }
  }
});

test('pages show the registry view and the special-category section by relation', async () => {
  const get = (who, id) => request(srv.base, 'GET', `/people/${id}`, { token: world.tokens[who] });
  // the holder: everything, with her notes
  let r = await get('sw1', world.ids.own);
  assert.equal(r.status, 200);
  assert.ok(r.body.includes(PEOPLE.own.codice_fiscale));
  assert.ok(r.body.includes(NOTES.own.court_notes));
  assert.ok(!r.body.includes(NOTES.own.psych_notes), 'psychological notes are not the holder\'s');
  assert.match(r.body, /id="sensitive-form"/);
  // a colleague's case: registry basics, with the way to emergency access
  r = await get('sw1', world.ids.colleague);
  assert.equal(r.status, 200);
  assert.ok(r.body.includes('Quercioli Ottavio'));
  assert.ok(!r.body.includes(PEOPLE.colleague.codice_fiscale));
  assert.ok(!r.body.includes('Pisa'), 'no municipality in the registry view');
  assert.match(r.body, /id="access-note"/);
  assert.match(r.body, /href="\/people\/\d+\/emergency"/);
  assert.doesNotMatch(r.body, /id="h-sensitive"/);
  // the case manager reads health and psychological notes but may not write them
  r = await get('cm_a', world.ids.own);
  assert.ok(r.body.includes(NOTES.own.psych_notes));
  assert.ok(!r.body.includes(NOTES.own.court_notes));
  assert.doesNotMatch(r.body, /id="sensitive-form"/);
  // the operator: only the member served, no codice fiscale, no notes
  r = await get('op_a', world.ids.own);
  assert.ok(!r.body.includes(PEOPLE.own.codice_fiscale));
  assert.ok(!r.body.includes('Tommaso'), 'the other member is not shown to the operator');
  assert.doesNotMatch(r.body, /id="h-sensitive"/);
  // a refusal is the same page as an unknown id
  const denied = await get('cm_a', world.ids.coop);
  const unknown = await get('cm_a', 99999999);
  assert.equal(denied.status, 404);
  assert.equal(unknown.status, 404);
  assert.equal(denied.body.replace(/\d+/g, '#'), unknown.body.replace(/\d+/g, '#'));
});

// The audit entries of one action about a person, via `ali audit list`.
function auditCount(personId, action, username) {
  const args = ['audit', 'list', '--db', srv.db, '--person', String(personId), '--action', action, '--limit', '1000'];
  if (username) args.push('--user', username);
  const r = ali(args);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter((l) => l.includes(` ${action} `) || l.endsWith(` ${action}`)).length;
}

// Reads in flight together have their entries committed together (the
// audit writer's group commit, src/http/audit_writer.c): each answer
// still leaves only once its entry is written, one entry per read, and
// the chain stays intact.
test('concurrent reads of special-category data: one audit entry each, chain intact', async () => {
  const id = world.ids.own;
  const before = auditCount(id, 'read_sensitive', 'psy1');
  const N = 40;
  const answers = await Promise.all(Array.from({ length: N }, (_, i) =>
    request(srv.base, 'GET', i % 2 ? `/people/${id}` : `/api/v1/people/${id}/sensitive`, { token: world.tokens.psy1 })));
  for (const r of answers) assert.equal(r.status, 200);
  // every answer was sent after its entry was committed: counted at once
  assert.equal(auditCount(id, 'read_sensitive', 'psy1') - before, N);
  const v = ali(['audit', 'verify', '--db', srv.db]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
});

test('N reads of special-category data give N audit entries, with field names only', async () => {
  const id = world.ids.own;
  const before = auditCount(id, 'read_sensitive', 'psy1');
  const N = 5;
  for (let i = 0; i < 3; i++) {
    const r = await request(srv.base, 'GET', `/api/v1/people/${id}/sensitive`, { token: world.tokens.psy1 });
    assert.equal(r.status, 200);
  }
  for (let i = 0; i < N - 3; i++) {
    const r = await request(srv.base, 'GET', `/people/${id}`, { token: world.tokens.psy1 });
    assert.equal(r.status, 200);
  }
  // reading the person without special-category data is no such read
  await request(srv.base, 'GET', `/api/v1/people/${id}`, { token: world.tokens.psy1 });
  assert.equal(auditCount(id, 'read_sensitive', 'psy1') - before, N);
  const list = ali(['audit', 'list', '--db', srv.db, '--person', String(id), '--user', 'psy1', '--limit', '1']);
  assert.match(list.stdout, /read_sensitive/);
  assert.match(list.stdout, /health/);
  for (const value of Object.values(NOTES.own)) assert.ok(!list.stdout.includes(value), 'no value in the trail');
  // a refused read is recorded as such, and is no read
  const deniedBefore = auditCount(world.ids.coop, 'denied', 'psy1');
  const readsBefore = auditCount(world.ids.coop, 'read_sensitive', 'psy1');
  const r = await request(srv.base, 'GET', `/api/v1/people/${world.ids.coop}/sensitive`, { token: world.tokens.psy1 });
  assert.equal(r.status, 404);
  assert.equal(auditCount(world.ids.coop, 'denied', 'psy1'), deniedBefore + 1);
  assert.equal(auditCount(world.ids.coop, 'read_sensitive', 'psy1'), readsBefore);
  // a write is recorded with the names of the fields that changed
  const w = await request(srv.base, 'PUT', `/api/v1/people/${id}/sensitive`,
    { body: { psych_notes: 'Colloqui sospesi per ferie' }, token: world.tokens.psy1 });
  assert.equal(w.status, 200, w.body);
  const writes = ali(['audit', 'list', '--db', srv.db, '--person', String(id), '--action', 'update_sensitive', '--limit', '1']);
  assert.match(writes.stdout, /psych_notes/);
  assert.match(writes.stdout, /\[changed\]/);
  assert.ok(!writes.stdout.includes('Colloqui sospesi'));
});

test('emergency access: a reason opens the household for a while, audited and listed', async () => {
  const id = world.ids.own;
  const sw2 = world.tokens.sw2;
  let r = await request(srv.base, 'GET', `/api/v1/people/${id}`, { token: sw2 });
  assert.equal(r.json.access, 'registry');
  // without a real reason nothing opens
  r = await request(srv.base, 'POST', `/people/${id}/emergency`, { token: sw2, ...form('reason=urgente') });
  assert.equal(r.status, 422);
  // not across agencies, and not for roles without the capability
  r = await request(srv.base, 'POST', `/people/${world.ids.agency}/emergency`,
    { token: sw2, ...form('reason=Il+pronto+soccorso+chiede+notizie') });
  assert.equal(r.status, 404);
  r = await request(srv.base, 'POST', `/people/${id}/emergency`,
    { token: world.tokens.cm_a, ...form('reason=Il+pronto+soccorso+chiede+notizie') });
  assert.equal(r.status, 403);
  const reason = 'Il pronto soccorso chiede notizie del nucleo';
  r = await request(srv.base, 'POST', `/people/${id}/emergency`,
    { token: sw2, ...form(`reason=${encodeURIComponent(reason)}`) });
  assert.equal(r.status, 303, r.body);
  assert.equal(r.headers.get('location'), `/people/${id}`);
  r = await request(srv.base, 'GET', `/api/v1/people/${id}`, { token: sw2 });
  assert.equal(r.json.access, 'break_glass');
  assert.equal(r.json.codice_fiscale, PEOPLE.own.codice_fiscale);
  r = await request(srv.base, 'GET', `/api/v1/people/${world.ids.ownChild}`, { token: sw2 });
  assert.equal(r.json.access, 'break_glass', 'the whole household opens');
  r = await request(srv.base, 'GET', `/api/v1/people/${id}/sensitive`, { token: sw2 });
  assert.deepEqual(Object.keys(r.json).sort(), [...sensitiveFields('break_glass'), 'person_id', 'updated_at'].sort());
  r = await request(srv.base, 'GET', `/people/${id}`, { token: sw2 });
  assert.match(r.body, /alert-warning[^>]*id="access-note"/);
  // audited with the reason, and listed for the manager only
  assert.equal(auditCount(id, 'break_glass', 'sw2'), 1);
  r = await request(srv.base, 'GET', '/emergency-access', { token: world.tokens.mgr });
  assert.equal(r.status, 200);
  assert.ok(r.body.includes(reason));
  assert.ok(r.body.includes('Zanobini Mirella'));
  assert.ok(r.body.includes('sw2'));
  r = await request(srv.base, 'GET', '/emergency-access', { token: sw2 });
  assert.equal(r.status, 403);
  // another agency's manager does not see it
  r = await request(srv.base, 'GET', '/emergency-access', { token: world.tokens.mgr_x });
  assert.ok(!r.body.includes(reason));
});

test('lists are scoped: a case manager sees their caseload only', async () => {
  const r = await request(srv.base, 'GET', '/api/v1/people?limit=500', { token: world.tokens.cm_a });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.items.map((p) => p.id).sort((a, b) => a - b),
    [world.ids.own, world.ids.ownChild].sort((a, b) => a - b));
  // filters on fields the registry view hides do not reveal them
  const sw = world.tokens.sw1;
  const byCf = await request(srv.base, 'GET', `/api/v1/people?q=${PEOPLE.colleague.codice_fiscale}`, { token: sw });
  assert.deepEqual(byCf.json.items, [], 'no registry row found by codice fiscale');
  const own = await request(srv.base, 'GET', `/api/v1/people?q=${PEOPLE.own.codice_fiscale}`, { token: sw });
  assert.deepEqual(own.json.items.map((p) => p.id), [world.ids.own]);
  const income = await request(srv.base, 'GET', '/api/v1/people?minimum_income=true&limit=500', { token: sw });
  assert.ok(!income.json.items.some((p) => p.id === world.ids.coop), 'minimum income of a registry row stays hidden');
});
