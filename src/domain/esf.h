/*
** esf.h — the ESF+ common indicators for participants (Regulation (EU)
** 2021/1057, Annex I): which ones exist, and the rules that decide, for
** one participation, whether it counts under each.  Pure: no database.
** The report that aggregates them is src/report/report_esf.c; which
** field feeds each indicator, and why, is docs/esf.md.
**
** Output indicators are read at entry (the date the project was agreed,
** DOMAIN.md "Entry date"); the immediate result indicators at leaving
** ("upon leaving": within four weeks after the path closed).  Each rule
** answers 1 (counts), 0 (does not count) or -1 (cannot tell: a field the
** rule needs is not recorded) — so that the report states what is
** missing instead of counting it as "no".
**
**   EECO01 total number of participants            always 1
**   EECO02 unemployed, incl. long-term             access_form.labour_status
**   EECO03 long-term unemployed                    + unemployed_months, age:
**          more than 12 months (25 and over), more than 6 months (under 25)
**   EECO04 inactive, EECO05 employed               access_form.labour_status
**   EECO06 below 18, EECO07 18-29, EECO08 55+      entry_profile.age (at entry)
**   EECO09 ISCED 0-2, EECO10 3-4, EECO11 5-8       access_form.education_isced
**   EECO12 disabilities                            esf_participant.disability
**   EECO13 third-country nationals                 person.citizenship not EU-27
**   EECO14 foreign background                      esf_participant.parents_born_abroad
**   EECO15 minorities                              esf_participant.minority
**   EECO16 homeless or housing exclusion           the "housing" vulnerability
**   EECO17 rural areas                             municipality_degurba = 3
**   EECR01 job searching upon leaving              inactive at entry, and
**                                                  esf_participant.job_searching
**   EECR02 in education or training                esf_participant.in_education
**   EECR03 gaining a qualification                 outcome "qualification" or a
**                                                  course certificate
**   EECR04 in employment, incl. self-employment    unemployed or inactive at
**          entry, and an employment outcome or a hiring
*/
#ifndef ALI_ESF_H
#define ALI_ESF_H

typedef enum EsfIndicator {
  EECO01 = 0, EECO02, EECO03, EECO04, EECO05, EECO06, EECO07, EECO08, EECO09, EECO10,
  EECO11, EECO12, EECO13, EECO14, EECO15, EECO16, EECO17,
  EECR01, EECR02, EECR03, EECR04,
  ESF_INDICATORS
} EsfIndicator;
#define ESF_OUTPUTS (EECO17 + 1) /* EECO01..EECO17; the rest are results */

/* The code ("EECO02") of an indicator, and its name in the regulation's
** English wording (a msgid: translate with tr()).  NULL out of range. */
const char *esf_code(int e);
const char *esf_name(int e);

/* What the rules need to know of one participation.  Strings are dates
** "YYYY-MM-DD" or codes as stored; NULL when not recorded. */
typedef struct EsfParticipation {
  const char *zEntry;          /* case_file.agreed_on: required */
  int iAge;                    /* whole years at entry (entry_profile.age); -1 unknown */
  const char *zLabourStatus;   /* employed | unemployed | inactive */
  int iUnemployedMonths;       /* -1 unknown */
  int iIsced;                  /* 0..8, -1 unknown */
  const char *zCitizenship;    /* ISO 3166-1 alpha-2 */
  int eDisability;             /* 1 yes, 0 no, -1 not asked or not stated */
  int eParentsAbroad;          /* the same, for "both parents born abroad" */
  int eMinority;               /* the same */
  int eHousing;                /* 1 the housing vulnerability was checked,
                               ** 0 not, -1 no access form */
  int eRural;                  /* 1 DEGURBA 3, 0 DEGURBA 1-2, -1 unknown */
  /* leaving (NULL zExit: still on the path; the results are then -1) */
  const char *zExit;           /* the date the path closed */
  const char *zOutcome;        /* evaluation.outcome */
  const char *zOutcomeOn;      /* evaluation.outcome_on */
  const char *zHiredOn;        /* the earliest hiring of the participant's internships */
  const char *zCertificateOn;  /* the earliest course certificate since entry */
  const char *zSituationOn;    /* the date the situation after leaving refers to */
  int eJobSearching;           /* 1, 0, -1 not recorded */
  int eInEducation;            /* 1, 0, -1 not recorded */
} EsfParticipation;

/* Fills a[e] with 1, 0 or -1 for every indicator e.  Results are -1 for a
** participation that has not left. */
void esf_indicators(const EsfParticipation *p, signed char a[ESF_INDICATORS]);

/* ---- the single rules, for the report, the export and the tests ---- */

/* Long-term unemployed: an unemployed person out of work for more than
** 12 months when 25 or older, more than 6 months when younger.  1, 0, or
** -1 when the months (or, between 7 and 12 months, the age) are unknown.
** Call it only for the unemployed. */
int esf_long_term(int iAge, int iMonths);
/* The age group of an age: 0 below 18, 1 from 18 to 29, 2 from 30 to 54,
** 3 55 and over; -1 for an unknown (negative) age. */
int esf_age_group(int iAge);
/* The ISCED group of a level: 0 for 0-2, 1 for 3-4, 2 for 5-8; -1 for an
** unknown level (outside 0..8). */
int esf_isced_group(int iLevel);
/* 1 if zCode (ISO alpha-2, any case) is an EU-27 member state. */
int esf_eu_member(const char *zCode);
/* Third-country national: a citizenship outside the EU-27 (stateless
** people have none recorded: -1, like an unknown one).  1, 0 or -1. */
int esf_third_country(const char *zCitizenship);
/* 1 if zDate is a date no later than four weeks (28 days) after zExit;
** 0 when later or either is not a date. */
int esf_within_four_weeks(const char *zExit, const char *zDate);

#endif
