// The commands that are not lessons, in the order --help lists them: an unknown command's line
// names them all, beside the lessons. cli.ts builds exactly these (a unit test holds it to that).
export const OTHER_COMMANDS = ["cleanup", "doctor", "list", "inspect", "help"] as const;
