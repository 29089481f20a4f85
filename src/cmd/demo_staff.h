/*
** demo_staff.h — the accounts of `ali demo`, one per role, and the cases
** that tie them to the demo's households so that each role's view
** differs: social1 and social2 hold about half of the cases each; cm_a
** (Cooperativa sociale Arnera) and cm_b (Il Ponte) follow the cases of
** their cooperative that reached the second interview; the
** psychotherapist joins the first interviews that need one.  Each
** cooperative's educator and tutor (educator/tutor for Arnera,
** educator_b/tutor_b for Il Ponte), the trainer of the courses (Paim)
** and the home-care worker (Arnera) reach only the members their
** interventions are for (demo_project.c writes those).  Some cases carry
** special-category notes (plausible, invented Italian text).
*/
#ifndef ALI_DEMO_STAFF_H
#define ALI_DEMO_STAFF_H
#include <stdint.h>

#include "../db/db.h"
#include "demo_data.h"

/* Workers who hold cases, of one kind: the named account first, then the
** extra ones a large demo adds. */
typedef struct DemoPool {
  int64_t *aId;
  int n;
} DemoPool;

typedef struct DemoStaff {
  int64_t iAgency;
  int64_t iSocial1, iSocial2, iPsychotherapist, iCmA, iCmB, iEducator, iTutor;
  int64_t iEducatorB, iTutorB, iTrainer, iHomeCare;
  int64_t iCoopA, iCoopB, iCoopC; /* coop_arnera, coop_ponte, coop_paim */
  /* Who cases go to.  At the pilot's size these are the named accounts
  ** (social1 and social2; cm_a; cm_b; the psychotherapist); a demo of
  ** more participants adds workers in the pilot's proportions (about 100
  ** cases a social worker, 100 a case manager or psychotherapist), so
  ** that a caseload stays a caseload at 100,000 participants. */
  DemoPool social, cmA, cmB, psy;
} DemoStaff;

/* The usernames demo_staff_create() makes, in order, ending with NULL. */
extern const char *const demo_azStaffUsername[];

/* Creates the accounts for a demo of nParticipants (the password hashed
** once for all of them) in the caller's transaction and fills *p; free it
** with demo_staff_free().  0, or 1 after printing why not. */
int demo_staff_create(Db *db, int64_t iAgency, const char *zPassword, int64_t nParticipants,
                      DemoStaff *p);
void demo_staff_free(DemoStaff *p);

/* Who a case ties to the person, as demo_staff_case() chose. */
typedef struct DemoCase {
  int64_t id;
  int64_t iSocialWorker;    /* one of the social workers (social1 or social2,
                            ** half each, at the pilot's size) */
  int64_t iPsychotherapist; /* 0 unless bPsy */
  int64_t iOrganisation;    /* coop_arnera or coop_ponte, half each; 0 unless bCoop */
  int64_t iCaseManager;     /* a case manager of that cooperative; 0 unless bCoop */
} DemoCase;

/* Opens a case for person iPerson on zOpened, drawing the social worker,
** the cooperative and special-category notes from pRng (a generator of
** its own, so that the population does not depend on it): the
** psychotherapist is tied to it when bPsy, a cooperative and its case
** manager when bCoop.  The candidacy columns (schema 003) are left to
** the caller (demo_candidacy.c).  Fills *pCase; 0 or a db.h code. */
int demo_staff_case(Db *db, const DemoStaff *p, DemoRng *pRng, int64_t iPerson,
                    const char *zOpened, int bPsy, int bCoop, DemoCase *pCase);

#endif
