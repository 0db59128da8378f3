"""The network of volunteer-involving organizations as the public sees it: the directory of
verified organizations and their profiles, with what they offer (published assignments). It reads
several apps, so it sits above them."""
