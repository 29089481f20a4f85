/*
** demo_placements.c — the internships of `ali demo`'s delivery (see
** demo_delivery_common.h): host firms (a valid partita IVA, an ATECO
** section, an address, a contact), and for each internship that started
** a placement with both tutors, weekly hours, the indemnity, the
** attendance log and, for some, a hiring.  Names are invented; any
** likeness to real firms is chance.
*/
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/programme.h"
#include "../lib/mem.h"
#include "../lib/workdays.h"
#include "demo_delivery_common.h"

/* ---- host firms ---- */

/* A partita IVA: seven digits of the firm, the Pisa office (050), the
** check digit that organisation_vat_valid() wants. */
static void vat_number(int64_t iSerial, char z[12]) {
  snprintf(z, 12, "%07" PRId64 "050", 1000000 + iSerial % 8999999);
  int sum = 0;
  for (int i = 0; i < 10; i++) {
    int d = z[i] - '0';
    if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  z[10] = (char)('0' + (10 - sum % 10) % 10);
  z[11] = 0;
}

/* The host firms: the programme's three and one per three internships. */
int demo_host_firms(Ctx *x) {
  static const struct {
    const char *zKind, *zSlug;
    char cAteco;
  } aType[] = {
      {"Panificio", "panificio", 'C'},
      {"Trattoria", "trattoria", 'I'},
      {"Logistica", "logistica", 'H'},
      {"Servizi di pulizia", "pulizie", 'N'},
      {"Supermercato", "market", 'G'},
      {"Vivaio", "vivaio", 'A'},
      {"Albergo", "hotel", 'I'},
      {"Residenza per anziani", "rsa", 'Q'},
      {"Lavanderia industriale", "lavanderia", 'S'},
      {"Officina meccanica", "officina", 'C'},
  };
  static const char *const azName[] = {"Bianchi",  "Lari",   "Del Corso", "Marchetti", "Puccini",
                                       "Baldacci", "Giusti", "Orsucci",   "Santini",   "Vannini",
                                       "Cecchini", "Lupi",   "Tognetti",  "Bargagna",  "Frediani"};
  static const char *const azTown[][2] = {{"56121", "Pisa"},      {"56124", "Pisa"},
                                          {"56021", "Cascina"},   {"56017", "San Giuliano Terme"},
                                          {"56019", "Vecchiano"}, {"56010", "Vicopisano"},
                                          {"56011", "Calci"}};
  static const char *const azStreet[] = {
      "via Aurelia",      "via Tosco Romagnola", "via di Gello",       "via Emilia",
      "via del Brennero", "via Fiorentina",      "viale delle Cascine"};
  static const char *const azFirst[] = {"Marta", "Paolo", "Gianni", "Silvia", "Franco", "Laura"};
  int64_t nIntern = db_int(x->db, 0,
                           "SELECT count(*) FROM intervention i JOIN service s ON s.id=i.service_id"
                           " WHERE i.agency_id=$1 AND s.code='internship'",
                           "i", x->st->iAgency);
  int64_t n = max64(3, nIntern / 3);
  x->aFirm = xmalloc((size_t)n * sizeof *x->aFirm);
  DemoRng *r = &x->rng;
  int rc = 0;
  for (int64_t i = 0; !rc && i < n; i++) {
    int t = (int)(i % DEMO_N(aType)), w = demo_rng_below(r, DEMO_N(azTown));
    const char *zName = azName[demo_rng_below(r, DEMO_N(azName))];
    char zFirm[120], zCode[32], zVat[12], zAddress[120], zPhone[20], zEmail[120], zContact[60];
    snprintf(zFirm, sizeof zFirm, "%s %s%s", aType[t].zKind, zName,
             i % 3 == 0   ? " srl"
             : i % 3 == 1 ? " snc"
                          : " & C. sas");
    snprintf(zCode, sizeof zCode, "firm_%06" PRId64, i + 1);
    vat_number(i * 7919 + 104729, zVat);
    snprintf(zAddress, sizeof zAddress, "%s %d, %s %s", DEMO_PICK(r, azStreet),
             demo_rng_range(r, 1, 180), azTown[w][0], azTown[w][1]);
    snprintf(zPhone, sizeof zPhone, "050 %07d", demo_rng_range(r, 1000000, 9999999));
    snprintf(zEmail, sizeof zEmail, "tirocini.%s%" PRId64 "@example.it", aType[t].zSlug, i + 1);
    snprintf(zContact, sizeof zContact, "%s %s", DEMO_PICK(r, azFirst), zName);
    char zAteco[2] = {aType[t].cAteco, 0};
    const char *zOld = i < 3 ? (i == 0   ? "firm_forno"
                                : i == 1 ? "firm_logistica"
                                         : "firm_mensa")
                             : 0;
    int64_t iOld = zOld ? organisation_find(x->db, x->st->iAgency, zOld) : 0;
    if (iOld) {
      x->aFirm[i] = iOld;
      rc = db_exec(x->db,
                   "UPDATE organisation SET vat_number=$2, ateco_section=$3, address=$4,"
                   " contact_name=$5, contact_phone=$6, contact_email=$7 WHERE id=$1",
                   "ittttt"
                   "t",
                   iOld, zVat,
                   i == 0   ? "C"
                   : i == 1 ? "H"
                            : "I",
                   zAddress, zContact, zPhone, zEmail);
      continue;
    }
    x->aFirm[i] =
        db_int(x->db, 0,
               "INSERT INTO organisation(agency_id, code, name, kind, vat_number,"
               " ateco_section, address, contact_name, contact_phone, contact_email)"
               " VALUES ($1,$2,$3,'host_firm',$4,$5,$6,$7,$8,$9) RETURNING id",
               "ittttttt"
               "t",
               x->st->iAgency, zCode, zFirm, zVat, zAteco, zAddress, zContact, zPhone, zEmail);
    if (!x->aFirm[i]) rc = DB_ERROR;
  }
  x->nFirm = (int)n;
  return demo_fail(x->db, "delivery", "host firms", rc);
}

/* ---- placements ---- */

/* A day of a placement's attendance log, waiting to be written. */
typedef struct Attendance {
  int64_t iDay;
  int nMinutes, bPresent;
  const char *zNote;
} Attendance;
#define ATT_ROWS 4 /* rows per INSERT: fewer statements for the largest table */

/* Writes a[0..*pn) of placement v (ATT_ROWS in one statement, else the
** last one alone) and sets *pn to what is left.  0 or a db.h code. */
static int attendance_write(Ctx *x, const PIv *v, Attendance *a, int *pn) {
  if (*pn < ATT_ROWS) {
    const Attendance *t = &a[--*pn];
    return db_exec(x->db,
                   "INSERT INTO placement_attendance(intervention_id, on_date, minutes, present,"
                   " note, recorded_by, created_at) VALUES ($1,$2,$3,$4,$5,"
                   "NULLIF(CAST($6 AS BIGINT),0),$7)",
                   "itiitit", v->id, dt(t->iDay).z, (int64_t)t->nMinutes, (int64_t)t->bPresent,
                   t->zNote, v->iOperator, st_at(t->iDay, 18, 30).z);
  }
  DbStmt *q = db_prepare(x->db,
                         "INSERT INTO placement_attendance(intervention_id, on_date, minutes,"
                         " present, note, recorded_by, created_at) VALUES"
                         " ($1,$3,$4,$5,$6,NULLIF(CAST($2 AS BIGINT),0),$7),"
                         " ($1,$8,$9,$10,$11,NULLIF(CAST($2 AS BIGINT),0),$12),"
                         " ($1,$13,$14,$15,$16,NULLIF(CAST($2 AS BIGINT),0),$17),"
                         " ($1,$18,$19,$20,$21,NULLIF(CAST($2 AS BIGINT),0),$22)");
  db_bind_int(q, 1, v->id);
  db_bind_int(q, 2, v->iOperator);
  for (int i = 0; i < ATT_ROWS; i++) {
    db_bind_text(q, 3 + 5 * i, dt(a[i].iDay).z);
    db_bind_int(q, 4 + 5 * i, a[i].nMinutes);
    db_bind_int(q, 5 + 5 * i, a[i].bPresent);
    db_bind_text(q, 6 + 5 * i, a[i].zNote);
    db_bind_text(q, 7 + 5 * i, st_at(a[i].iDay, 18, 30).z);
  }
  int rc;
  while ((rc = db_step(q)) == DB_ROW) {
  }
  db_done(q);
  *pn = 0;
  return rc == DB_DONE ? 0 : rc;
}

/* The placement of an internship with its attendance log; *piHired gets
** the hiring day (0: none: the internship did not complete, or the path
** of fate f is cut short later) and *pzContract its contract type. */
int demo_placement_write(Ctx *x, const PCase *k, const Fate *f, const PIv *v, int64_t *piHired,
                         const char **pzContract) {
  static const char *const azTutor[] = {"Marco Lari",    "Anna Puccini", "Sergio Giusti",
                                        "Elisa Santini", "Roberto Lupi", "Daniela Orsucci"};
  static const char *const azContract[] = {"fixed_term", "fixed_term",     "fixed_term",
                                           "fixed_term", "apprenticeship", "apprenticeship",
                                           "permanent",  "permanent",      "other"};
  DemoRng *r = &x->rng;
  const IvPath *p = &v->path;
  *piHired = 0;
  *pzContract = 0;
  if (!p->iStart) return 0;
  int bDone = strcmp(p->zEnd, "completed") == 0;
  int bChild = v->iPerson != k->iPerson; /* the plan moved to an adult child */
  if (bDone && f->e == FATE_DONE &&
      demo_rng_chance(r, bChild ? 75 : 25)) { /* not if the path is cut */
    *piHired = min64(p->iEnd + demo_rng_range(r, 0, 10), x->aEnd[k->iRound - 1]);
    *pzContract = DEMO_PICK(r, azContract);
  }
  int nWeekly = k->iRound == 1 ? (demo_rng_chance(r, 50) ? 20 : 25) : 20;
  int nDays = nWeekly == 20 ? 4 : 5, nMin = nWeekly * 60 / nDays;
  const char *zEndReason = *piHired ? "Assunzione presso l'azienda ospitante."
                           : bDone  ? "Tirocinio concluso come da progetto."
                                    : p->zReason;
  int rc = db_exec(x->db,
                   "INSERT INTO placement(intervention_id, host_firm_id, company_tutor,"
                   " coop_tutor_id, start_on, end_on, weekly_hours, monthly_indemnity_cents,"
                   " end_reason, hired_on, contract_type, updated_at) VALUES ($1,$2,$3,"
                   "NULLIF(CAST($4 AS BIGINT),0),$5,$6,$7,$8,$9,$10,$11,$12)",
                   "iitittii"
                   "tttt",
                   v->id, x->aFirm[demo_rng_below(r, x->nFirm)], DEMO_PICK(r, azTutor),
                   v->iOperator, dt(p->iStart).z, dt(p->iEnd).z, (int64_t)nWeekly,
                   (int64_t)(nWeekly >= 25 ? 50000 : 40000), zEndReason,
                   *piHired ? dt(*piHired).z : 0, *pzContract, st_at(p->iEnd, 18, 0).z);
  Attendance aRow[ATT_ROWS];
  int nRow = 0;
  for (int64_t d = p->iStart; !rc && d <= p->iEnd; d++) {
    if (weekday(d) >= nDays || !workdays_is_workday_n(d)) continue;
    if (p->iSuspend && d >= p->iSuspend && (!p->iResume || d < p->iResume)) continue;
    int bAbsent = demo_rng_chance(r, 7);
    aRow[nRow++] = (Attendance){
        d, bAbsent ? 0 : nMin, !bAbsent,
        bAbsent ? (demo_rng_chance(r, 60) ? "Malattia" : "Assenza per motivi familiari") : 0};
    if (nRow == ATT_ROWS) rc = attendance_write(x, v, aRow, &nRow);
  }
  while (!rc && nRow) rc = attendance_write(x, v, aRow, &nRow);
  return rc;
}
