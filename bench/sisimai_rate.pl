#!/usr/bin/perl
# bench/sisimai_rate.pl — how many whole bounce emails per second Sisimai
# (Debian's libsisimai-perl) parses in one process: the yardstick of
# bench/classify.sh for classify_bounce over the same emails.
#
#   perl bench/sisimai_rate.pl PASSES RUNS FILE...
#
# Reads every FILE (one email each) into memory first, so no disk I/O is
# timed, parses them all once to load Sisimai's modules, then times RUNS runs
# of PASSES passes over all the emails, each email given to Sisimai->make as a
# string (Sisimai::Mail::Memory).  Prints one line for the fastest run:
#
#   mails <n>  elapsed <seconds>  cpu <seconds>  results <n>  files <n>
#
# where results counts the Sisimai::Data records of one pass (what Sisimai
# made of the emails: a bounce gives one per recipient).
use strict;
use warnings;
use Time::HiRes qw(time);
use Sisimai;

my ($passes, $runs, @files) = @ARGV;
die "usage: $0 PASSES RUNS FILE...\n" unless $passes && $runs && @files;

# The emails, as raw bytes.
my @mails;
for my $file (@files) {
	open(my $fh, '<:raw', $file) or die "$file: $!\n";
	local $/;
	push @mails, scalar <$fh>;
	close $fh;
}

# parse_all(): give every email to Sisimai once; the number of records made.
sub parse_all {
	my $records = 0;
	for my $mail (@mails) {
		my $data = Sisimai->make(\$mail, 'delivered' => 1);
		$records += scalar @$data if $data;
	}
	return $records;
}

my $results = parse_all();	# warm-up: loads the parser modules
my ($best_elapsed, $best_cpu);
for my $run (1 .. $runs) {
	my @cpu0 = times;
	my $t0 = time;
	parse_all() for 1 .. $passes;
	my $elapsed = time - $t0;
	my @cpu1 = times;
	my $cpu = ($cpu1[0] - $cpu0[0]) + ($cpu1[1] - $cpu0[1]);
	if (!defined $best_elapsed || $elapsed < $best_elapsed) {
		($best_elapsed, $best_cpu) = ($elapsed, $cpu);
	}
}
printf "mails %d  elapsed %.3f  cpu %.3f  results %d  files %d\n",
	$passes * scalar @mails, $best_elapsed, $best_cpu, $results, scalar @mails;
