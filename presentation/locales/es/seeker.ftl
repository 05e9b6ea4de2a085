# seeker
