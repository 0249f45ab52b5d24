"""就業管理: work locations, clock events, daily and monthly records (出勤簿), monthly close."""
