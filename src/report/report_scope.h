/*
** report_scope.h — what a report covers, said in its subtitle: the
** rounds, the period and the filters of a ReportQuery (report.h), for
** the builders that print them (report_profile.c, report_services.c).
*/
#ifndef ALI_REPORT_SCOPE_H
#define ALI_REPORT_SCOPE_H
#include "report.h"

/* Sets d's subtitle to "Rounds R1, R2; entry 01/01/2021 – 31/12/2021;
** social worker NAME; cooperative NAME" (the parts q has) in q->iLang;
** zPeriod names what the period applies to ("entry"; NULL: "period").
** aRound/nRound: the rounds covered (report_rounds). */
void report_scope_subtitle(Db *db, const ReportQuery *q, const ReportRound *aRound, int nRound,
                           const char *zPeriod, RDoc *d);

#endif
