/* repl.c — stub */
int repl_stub_(void); int repl_stub_(void){return 0;}
