"""Progress and control: benefits realisation, RAID roll-up (and, as they land,
baselines, earned value and RAG status). Functions take a Programme and return
plain results; they never change the programme."""
