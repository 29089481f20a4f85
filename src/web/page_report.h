/*
** page_report.h — the reports on the web (page_report.c): the list, one
** report's page with its form and downloads, and the renderer of one
** view that other pages (the dashboard) reuse.
*/
#ifndef ALI_PAGE_REPORT_H
#define ALI_PAGE_REPORT_H
#include "../http/req.h"
#include "../report/rdoc.h"

/*
** Writes view t of a report to r->out: a <section id="view-NAME"> with
** the table (a caption, <th scope="col"> headers, the first column as
** <th scope="row">, the columns of numbers right-aligned, reals with the
** language's decimal separator), its notes in a list the table names
** with aria-describedby, and, when t has a chart (iChartCol >= 0), a bar
** chart beside the table as inline SVG, aria-hidden="true" since the
** table carries the same figures (SVG prints as it shows).  Everything
** is escaped.
*/
void page_report_view(Req *r, const RTable *t);

#endif
