/*
** main.c — ali's entry point: the table of subcommands.
*/
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"

typedef struct Command {
  const char *zName;
  int (*xRun)(int argc, char **argv);
  const char *zHelp;
} Command;

static const Command aCommand[] = {
    {"init", cmd_init, "create the database schema and the first agency"},
    {"migrate", cmd_migrate, "apply pending schema migrations"},
    {"serve", cmd_serve, "serve the web UI and the JSON API"},
    {"demo", cmd_demo, "create a realistic demo database and serve it"},
    {"import", cmd_import, "import records from CSV (people, shortlist, history)"},
    {"round", cmd_round, "add or list programme rounds"},
    {"stream", cmd_stream, "add or list funding streams"},
    {"user", cmd_user, "add, list or disable staff accounts; passwords and API tokens"},
    {"audit", cmd_audit, "verify the audit trail's hash chain, or list entries"},
    {"report", cmd_report, "print a report as a table, CSV, JSON, XLSX or PDF"},
    {"handover", cmd_handover, "hand a leaving worker's cases over to colleagues"},
    {"export", cmd_export, "export pseudonymised microdata for evaluators"},
    {"municipality", cmd_municipality, "the degree of urbanisation of municipalities (ESF+)"},
};
#define N_COMMAND (int)(sizeof aCommand / sizeof aCommand[0])

static void usage(FILE *pOut) {
  fprintf(pOut,
          "ali — integrated job-inclusion paths for local social services\n\n"
          "usage: ali COMMAND [options]   (ali COMMAND --help for its options)\n\n"
          "commands:\n");
  for (int i = 0; i < N_COMMAND; i++) {
    fprintf(pOut, "  %-12s %s\n", aCommand[i].zName, aCommand[i].zHelp);
  }
  fprintf(pOut, "\nThe database is --db PATH or postgresql://URL; default $ALI_DB, else ali.db.\n"
                "Full reference: docs/cli.md\n");
}

int main(int argc, char **argv) {
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
      strcmp(argv[1], "help") == 0) {
    usage(stdout);
    return argc < 2 ? 2 : 0;
  }
  for (int i = 0; i < N_COMMAND; i++) {
    if (strcmp(argv[1], aCommand[i].zName) == 0) return aCommand[i].xRun(argc - 1, argv + 1);
  }
  fprintf(stderr, "ali: unknown command '%s'\n\n", argv[1]);
  usage(stderr);
  return 2;
}
