/*
** esf.c — the ESF+ common indicators for participants and the rules of
** each (see esf.h).  Pure functions over one participation.
*/
#include "esf.h"

#include <ctype.h>
#include <string.h>

#include "../lib/date.h"
#include "../lib/i18n.h"

/* Code and English name (Regulation (EU) 2021/1057, Annex I), in
** EsfIndicator order. */
static const char *const azIndicator[ESF_INDICATORS][2] = {
    {"EECO01", N_("Total number of participants")},
    {"EECO02", N_("Unemployed, including long-term unemployed")},
    {"EECO03", N_("Long-term unemployed")},
    {"EECO04", N_("Inactive")},
    {"EECO05", N_("Employed, including self-employed")},
    {"EECO06", N_("Children below 18 years of age")},
    {"EECO07", N_("Young people between 18 and 29 years of age")},
    {"EECO08", N_("Participants of 55 years of age and above")},
    {"EECO09", N_("With lower secondary education or less (ISCED 0-2)")},
    {"EECO10", N_("With upper secondary (ISCED 3) or post-secondary education (ISCED 4)")},
    {"EECO11", N_("With tertiary education (ISCED 5 to 8)")},
    {"EECO12", N_("Participants with disabilities")},
    {"EECO13", N_("Third-country nationals")},
    {"EECO14", N_("Participants with a foreign background")},
    {"EECO15", N_("Minorities (including marginalised communities such as Roma people)")},
    {"EECO16", N_("Homeless or affected by housing exclusion")},
    {"EECO17", N_("Participants from rural areas")},
    {"EECR01", N_("Participants engaged in job searching upon leaving")},
    {"EECR02", N_("Participants in education or training upon leaving")},
    {"EECR03", N_("Participants gaining a qualification upon leaving")},
    {"EECR04", N_("Participants in employment, including self-employment, upon leaving")},
};

const char *esf_code(int e) {
  return e >= 0 && e < ESF_INDICATORS ? azIndicator[e][0] : NULL;
}

const char *esf_name(int e) {
  return e >= 0 && e < ESF_INDICATORS ? azIndicator[e][1] : NULL;
}

/* The 27 member states, ISO 3166-1 alpha-2 (Greece is GR, not EL). */
static const char azEu[] = "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT "
                           "RO SE SI SK";

int esf_eu_member(const char *zCode) {
  if (!zCode || strlen(zCode) != 2 || !isalpha((unsigned char)zCode[0]) ||
      !isalpha((unsigned char)zCode[1]))
    return 0;
  char z[3] = {(char)toupper((unsigned char)zCode[0]), (char)toupper((unsigned char)zCode[1]), 0};
  for (const char *p = azEu; *p; p += p[2] ? 3 : 2) {
    if (p[0] == z[0] && p[1] == z[1]) return 1;
  }
  return 0;
}

int esf_third_country(const char *zCitizenship) {
  if (!zCitizenship || !*zCitizenship) return -1;
  return !esf_eu_member(zCitizenship);
}

int esf_long_term(int iAge, int iMonths) {
  if (iMonths < 0) return -1;
  if (iMonths > 12) return 1;
  if (iMonths <= 6) return 0;
  if (iAge < 0) return -1;
  return iAge < 25;
}

int esf_age_group(int iAge) {
  if (iAge < 0) return -1;
  if (iAge < 18) return 0;
  if (iAge <= 29) return 1;
  if (iAge < 55) return 2;
  return 3;
}

int esf_isced_group(int iLevel) {
  if (iLevel < 0 || iLevel > 8) return -1;
  return iLevel <= 2 ? 0 : iLevel <= 4 ? 1 : 2;
}

int esf_within_four_weeks(const char *zExit, const char *zDate) {
  int y, m, d, y2, m2, d2;
  if (date_parse(zExit, &y, &m, &d) || date_parse(zDate, &y2, &m2, &d2)) return 0;
  return date_days(y2, m2, d2) <= date_days(y, m, d) + 28;
}

/* 1 when zStatus is zCode, 0 when another status, -1 when unknown. */
static int status_is(const char *zStatus, const char *zCode) {
  return zStatus ? strcmp(zStatus, zCode) == 0 : -1;
}

/* The output indicators at entry. */
static void esf_outputs(const EsfParticipation *p, signed char *a) {
  int iAge = p->iAge;
  int eUnemployed = status_is(p->zLabourStatus, "unemployed");
  a[EECO01] = 1;
  a[EECO02] = (signed char)eUnemployed;
  a[EECO03] = (signed char)(eUnemployed == 1 ? esf_long_term(iAge, p->iUnemployedMonths)
                                            : eUnemployed);
  a[EECO04] = (signed char)status_is(p->zLabourStatus, "inactive");
  a[EECO05] = (signed char)status_is(p->zLabourStatus, "employed");
  int g = esf_age_group(iAge);
  a[EECO06] = (signed char)(g < 0 ? -1 : g == 0);
  a[EECO07] = (signed char)(g < 0 ? -1 : g == 1);
  a[EECO08] = (signed char)(g < 0 ? -1 : g == 3);
  int e = esf_isced_group(p->iIsced);
  for (int i = 0; i < 3; i++) a[EECO09 + i] = (signed char)(e < 0 ? -1 : e == i);
  a[EECO12] = (signed char)p->eDisability;
  a[EECO13] = (signed char)esf_third_country(p->zCitizenship);
  a[EECO14] = (signed char)p->eParentsAbroad;
  a[EECO15] = (signed char)p->eMinority;
  a[EECO16] = (signed char)p->eHousing;
  a[EECO17] = (signed char)p->eRural;
}

/* The situation recorded after leaving (e: 1, 0, -1), when it refers to
** the four weeks after leaving; -1 otherwise. */
static int esf_situation(const EsfParticipation *p, int e) {
  if (e < 0 || !p->zSituationOn || strcmp(p->zSituationOn, p->zExit) < 0 ||
      !esf_within_four_weeks(p->zExit, p->zSituationOn))
    return -1;
  return e;
}

/* 1 if zDate is a date from the entry to four weeks after leaving. */
static int esf_in_window(const EsfParticipation *p, const char *zDate) {
  return zDate && strcmp(zDate, p->zEntry) >= 0 && esf_within_four_weeks(p->zExit, zDate);
}

/* The immediate result indicators, for a participation that has left. */
static void esf_results(const EsfParticipation *p, signed char *a) {
  int eInactive = status_is(p->zLabourStatus, "inactive");
  int eEmployed = status_is(p->zLabourStatus, "employed");
  int bOutcomeOn = esf_in_window(p, p->zOutcomeOn);
  a[EECR01] = (signed char)(eInactive == 1 ? esf_situation(p, p->eJobSearching) : eInactive);
  a[EECR02] = (signed char)esf_situation(p, p->eInEducation);
  a[EECR03] = (signed char)((p->zOutcome && strcmp(p->zOutcome, "qualification") == 0 &&
                             bOutcomeOn) ||
                            esf_in_window(p, p->zCertificateOn));
  int bJob = (p->zOutcome && strncmp(p->zOutcome, "employed_", 9) == 0 && bOutcomeOn) ||
             esf_in_window(p, p->zHiredOn);
  a[EECR04] = (signed char)(eEmployed < 0 ? -1 : eEmployed ? 0 : bJob);
}

void esf_indicators(const EsfParticipation *p, signed char a[ESF_INDICATORS]) {
  esf_outputs(p, a);
  if (p->zExit) {
    esf_results(p, a);
  } else {
    for (int e = ESF_OUTPUTS; e < ESF_INDICATORS; e++) a[e] = -1;
  }
}
