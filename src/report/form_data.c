/*
** form_data.c — the loaders of form.h: everything the printed Access and
** Evaluation Form and the printed Personalised Individual Project show,
** read through the domain functions (intake.h, project.h, person.h,
** household.h, sensitive.h), limited to what the caller's relation to
** the participant may see.
*/
#include <stdio.h>
#include <string.h>

#include "../domain/access.h"
#include "../domain/domain.h"
#include "../domain/household.h"
#include "../domain/programme.h"
#include "../domain/sensitive.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "form.h"

const char *form_date(Arena *a, int iLang, const char *zIso) { return tr_date(a, iLang, zIso); }

/* The part both documents share: names, codice fiscale, today. */
static int load_case(Db *db, Arena *a, int64_t iAgency, const Case *pCase, Relation eRel, int iLang,
                     PrintCase *p) {
  memset(p, 0, sizeof *p);
  p->iLang = iLang;
  p->c = *pCase;
  int rc = agency_get_name(db, a, iAgency, &p->zAgency);
  if (rc) return rc;
  p->zParticipant = arena_printf(a, "%s %s", pCase->zFirstName ? pCase->zFirstName : "",
                                 pCase->zLastName ? pCase->zLastName : "");
  Person person;
  rc = person_get(db, a, iAgency, pCase->iPerson, &person);
  if (rc) return rc;
  if (access_sees(eRel, PF_CODICE_FISCALE)) p->zCodiceFiscale = person.zCodiceFiscale;
  if (access_sees(eRel, PF_BIRTH_DATE)) p->zBirthDate = person.zBirthDate;
  char zToday[11];
  date_today(zToday);
  p->zToday = arena_strdup(a, zToday);
  return 0;
}

/* The names, in iLang, of the services whose codes are az[0..n). */
static const char **service_names(Db *db, Arena *a, int64_t iAgency, int iLang,
                                  const char *const *az, int n, int *pRc) {
  const char **azName = arena_alloc(a, (size_t)(n ? n : 1) * sizeof(char *));
  Service *aSvc = 0;
  int nSvc = 0;
  *pRc = service_list(db, a, iAgency, &aSvc, &nSvc);
  for (int i = 0; i < n; i++) {
    azName[i] = az[i];
    for (int k = 0; k < nSvc; k++) {
      if (strcmp(aSvc[k].zCode, az[i]) == 0) {
        azName[i] = iLang == LANG_IT ? aSvc[k].zNameIt : aSvc[k].zNameEn;
      }
    }
  }
  return azName;
}

/* The household's members as the relation shows them (names and
** relationship always; birth dates only when visible). */
static int load_members(Db *db, Arena *a, int64_t iAgency, const Case *pCase, Relation eRel,
                        AccessPrint *p) {
  if (!pCase->iHousehold) return 0;
  int rc = household_members(db, a, iAgency, pCase->iHousehold, &p->aMember, &p->nMember);
  if (rc) return rc;
  for (int i = 0; i < p->nMember; i++) {
    if (!access_sees(eRel, PF_BIRTH_DATE)) p->aMember[i].zBirthDate = 0;
    if (!access_sees(eRel, PF_CODICE_FISCALE)) p->aMember[i].zCodiceFiscale = 0;
  }
  return 0;
}

/* Health, when the relation may read it (the caller audits it). */
static int load_health(Db *db, Arena *a, int64_t iAgency, const Case *pCase, Relation eRel,
                       AccessPrint *p) {
  if (!policy_sensitive_visible(eRel, SENS_HEALTH)) return 0;
  PersonSensitive s;
  int rc = sensitive_get(db, a, iAgency, pCase->iPerson, 1u << SENS_HEALTH, &s);
  if (rc) return rc;
  p->bHealth = 1;
  p->zHealth = domain_blank(s.az[SENS_HEALTH]) ? NULL : s.az[SENS_HEALTH];
  return 0;
}

int form_access_load(Db *db, Arena *a, int64_t iAgency, const Case *pCase, Relation eRel, int iLang,
                     AccessPrint *p) {
  memset(p, 0, sizeof *p);
  int rc = load_case(db, a, iAgency, pCase, eRel, iLang, &p->base);
  if (rc) return rc;
  rc = intake_form_get(db, a, iAgency, pCase->id, iLang, &p->form);
  if (rc && rc != DOMAIN_NOT_FOUND) return rc;
  p->bForm = rc == 0;
  if (!p->bForm) memset(&p->form, 0, sizeof p->form);
  rc = intake_vulnerabilities(db, a, &p->aVuln, &p->nVuln);
  if (!rc) rc = intake_areas(db, a, &p->aArea, &p->nArea);
  if (!rc && p->bForm) {
    p->azService = service_names(db, a, iAgency, iLang, p->form.azService, p->form.nService, &rc);
  }
  if (!rc) rc = load_members(db, a, iAgency, pCase, eRel, p);
  if (!rc) rc = load_health(db, a, iAgency, pCase, eRel, p);
  return rc;
}

int form_project_load(Db *db, Arena *a, int64_t iAgency, const Case *pCase, Relation eRel,
                      int iLang, ProjectPrint *p) {
  memset(p, 0, sizeof *p);
  int rc = load_case(db, a, iAgency, pCase, eRel, iLang, &p->base);
  if (rc) return rc;
  int64_t iProject = project_of_case(db, iAgency, pCase->id);
  if (!iProject) return 0;
  rc = project_get(db, a, iAgency, iProject, iLang, &p->project);
  if (rc) return rc;
  p->bProject = 1;
  return 0;
}
