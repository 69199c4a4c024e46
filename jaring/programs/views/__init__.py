"""Pages of programs: planning (perencana), selection (verifikator, pejabat) and the simulator."""
